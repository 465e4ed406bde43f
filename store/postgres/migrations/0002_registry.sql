-- The LMO registry. Each record is kept whole as a JSON document (domain/registry_json.hpp),
-- with its revision history; the tables after registry_revisions are indexes derived from the
-- documents for search, facets and approval questions, rewritten with every change.
-- Search finds what the SQLite backend finds (store/sqlite/migrations/0002_registry.sql):
--  * words: lmo_index.words_vector, a tsvector of the words split and folded as SQLite's FTS5
--    tokenizer 'unicode61 remove_diacritics 2' does (lmo_search_tokens below), searched with
--    prefix queries (lmo_prefix_query: 'word':* terms, AND-ed) through a GIN index;
--  * partial identifiers: lmo_index.ids ILIKE '%00810%' through a pg_trgm GIN index, as
--    SQLite's trigram FTS5 table matches substrings of three characters or more.

CREATE TABLE registry_records (
  type       TEXT COLLATE "C" NOT NULL,  -- lmo, decision, method, laboratory, organism, ...
  key        TEXT COLLATE "C" NOT NULL,  -- identifier, id or code of the record
  revision   INTEGER NOT NULL,           -- 1 for the first version, +1 per change
  doc        TEXT NOT NULL,              -- the record as JSON
  origin     TEXT COLLATE "C" NOT NULL,  -- 'bundled', or the file/user an import came from
  updated_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (type, key)
);

CREATE INDEX registry_records_updated ON registry_records(updated_at);

CREATE TABLE registry_revisions (
  type        TEXT COLLATE "C" NOT NULL,
  key         TEXT COLLATE "C" NOT NULL,
  revision    INTEGER NOT NULL,
  doc         TEXT NOT NULL,
  origin      TEXT COLLATE "C" NOT NULL,
  recorded_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (type, key, revision)
);

-- Folding for word search. unaccent is only STABLE (its rules file could change), so index
-- expressions need this IMMUTABLE wrapper; the dictionary is named by schema, and the body is
-- bound when created, so neither depends on the search path.
CREATE FUNCTION lmo_unaccent(input text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN public.unaccent('public.unaccent'::regdictionary, input);

-- One token in lower case without diacritics, as FTS5's unicode61 folds it. unaccent folds
-- some letters that unicode61 keeps (ø, æ, ß, œ, ł, đ, Greek tonos, ligatures, full-width
-- forms, ...): those are swapped for private-use characters around unaccent and come back as
-- unicode61 folds them (the three lists: the letters, their stand-ins in plane 15, what
-- unicode61 makes of each). Checked against SQLite 3.40 for every code point up to U+2FFFF:
-- the tokens agree except for case pairs newer than SQLite's tables (Cherokee, Georgian
-- Mtavruli, ...). Characters other than these go through lower(), so the database's LC_CTYPE
-- must be a UTF-8 one (C.UTF-8, en_US.UTF-8, ...) for Cyrillic or Greek capitals to fold.
-- Punctuation that unaccent writes for a letter (½ → 1/2) would split the token: it is dropped.
CREATE FUNCTION lmo_fold_token(token text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE
    WHEN token ~ '^[\x01-\x7f]*$' THEN lower(token COLLATE "C")
    WHEN token ~ ('[' ||
        '\u00b5\u00bc-\u00be\u00c6\u00d0\u00d8\u00de-\u00df\u00e6\u00f0\u00f8\u00fe\u0110-\u0111' ||
        '\u0126-\u0127\u0131-\u0133\u0138\u013f-\u0142\u0149-\u014b\u0152-\u0153\u0166-\u0167' ||
        '\u0180-\u0183\u0187-\u018c\u0190-\u0193\u0195-\u019a\u019d-\u019e\u01a2-\u01a5\u01ab-\u01ae' ||
        '\u01b2-\u01b6\u01c4-\u01cc\u01e0-\u01e1\u01e4-\u01e5\u01f1-\u01f3\u0221\u0224-\u0225' ||
        '\u0234-\u0240\u0243-\u0244\u0246-\u0249\u024c-\u024f\u0253\u0255-\u0257\u025b\u025f-\u0262' ||
        '\u0266-\u0268\u026a-\u026d\u0271-\u0274\u0276\u027c-\u027e\u0280\u0282\u0288-\u0289\u028b' ||
        '\u028f-\u0291\u0299\u029b-\u029d\u029f-\u02a0\u02a3\u02a5-\u02a6\u02aa-\u02ab\u02b9-\u02bd\u02c6' ||
        '\u02c8\u02cb\u02d0\u037f\u0386\u0388-\u038a\u038c\u038e-\u0390\u03aa-\u03b0\u03c2\u03ca-\u03ce' ||
        '\u03d0-\u03d1\u03d5-\u03d6\u03f0-\u03f1\u03f5\u0401\u0451\u0528\u052a\u052c\u052e\u1e9a-\u1e9e' ||
        '\u1efa-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59\u1f5b\u1f5d\u1f5f-\u1f70' ||
        '\u1f72\u1f74\u1f76\u1f78\u1f7a\u1f7c\u1f80-\u1fb4\u1fb6-\u1fba\u1fbc\u1fbe\u1fc2-\u1fc4' ||
        '\u1fc6-\u1fc8\u1fca\u1fcc\u1fd0-\u1fd2\u1fd6-\u1fda\u1fe0-\u1fe2\u1fe4-\u1fea\u1fec\u1ff2-\u1ff4' ||
        '\u1ff6-\u1ff8\u1ffa\u1ffc\u2102\u210a-\u210e\u2110-\u2113\u2115\u2119-\u211d\u2124\u2128' ||
        '\u212b-\u212d\u212f-\u2131\u2133-\u2134\u2139\u2145-\u2149\u2150-\u217f\u2189\ufb00-\ufb06' ||
        '\uff10-\uff19\uff21-\uff3a\uff41-\uff5a' || ']') THEN
      regexp_replace(
        translate(
          lower(lmo_unaccent(translate(token,
    U&'\00b5\00bc\00bd\00be\00c6\00d0\00d8\00de\00df\00e6\00f0\00f8\00fe\0110\0111\0126' ||
    U&'\0127\0131\0132\0133\0138\013f\0140\0141\0142\0149\014a\014b\0152\0153\0166\0167' ||
    U&'\0180\0181\0182\0183\0187\0188\0189\018a\018b\018c\0190\0191\0192\0193\0195\0196' ||
    U&'\0197\0198\0199\019a\019d\019e\01a2\01a3\01a4\01a5\01ab\01ac\01ad\01ae\01b2\01b3' ||
    U&'\01b4\01b5\01b6\01c4\01c5\01c6\01c7\01c8\01c9\01ca\01cb\01cc\01e0\01e1\01e4\01e5' ||
    U&'\01f1\01f2\01f3\0221\0224\0225\0234\0235\0236\0237\0238\0239\023a\023b\023c\023d' ||
    U&'\023e\023f\0240\0243\0244\0246\0247\0248\0249\024c\024d\024e\024f\0253\0255\0256' ||
    U&'\0257\025b\025f\0260\0261\0262\0266\0267\0268\026a\026b\026c\026d\0271\0272\0273' ||
    U&'\0274\0276\027c\027d\027e\0280\0282\0288\0289\028b\028f\0290\0291\0299\029b\029c' ||
    U&'\029d\029f\02a0\02a3\02a5\02a6\02aa\02ab\02b9\02ba\02bb\02bc\02bd\02c6\02c8\02cb' ||
    U&'\02d0\037f\0386\0388\0389\038a\038c\038e\038f\0390\03aa\03ab\03ac\03ad\03ae\03af' ||
    U&'\03b0\03c2\03ca\03cb\03cc\03cd\03ce\03d0\03d1\03d5\03d6\03f0\03f1\03f5\0401\0451' ||
    U&'\0528\052a\052c\052e\1e9a\1e9b\1e9c\1e9d\1e9e\1efa\1efb\1efc\1efd\1efe\1eff\1f00' ||
    U&'\1f01\1f02\1f03\1f04\1f05\1f06\1f07\1f08\1f09\1f0a\1f0b\1f0c\1f0d\1f0e\1f0f\1f10' ||
    U&'\1f11\1f12\1f13\1f14\1f15\1f18\1f19\1f1a\1f1b\1f1c\1f1d\1f20\1f21\1f22\1f23\1f24' ||
    U&'\1f25\1f26\1f27\1f28\1f29\1f2a\1f2b\1f2c\1f2d\1f2e\1f2f\1f30\1f31\1f32\1f33\1f34' ||
    U&'\1f35\1f36\1f37\1f38\1f39\1f3a\1f3b\1f3c\1f3d\1f3e\1f3f\1f40\1f41\1f42\1f43\1f44' ||
    U&'\1f45\1f48\1f49\1f4a\1f4b\1f4c\1f4d\1f50\1f51\1f52\1f53\1f54\1f55\1f56\1f57\1f59' ||
    U&'\1f5b\1f5d\1f5f\1f60\1f61\1f62\1f63\1f64\1f65\1f66\1f67\1f68\1f69\1f6a\1f6b\1f6c' ||
    U&'\1f6d\1f6e\1f6f\1f70\1f72\1f74\1f76\1f78\1f7a\1f7c\1f80\1f81\1f82\1f83\1f84\1f85' ||
    U&'\1f86\1f87\1f88\1f89\1f8a\1f8b\1f8c\1f8d\1f8e\1f8f\1f90\1f91\1f92\1f93\1f94\1f95' ||
    U&'\1f96\1f97\1f98\1f99\1f9a\1f9b\1f9c\1f9d\1f9e\1f9f\1fa0\1fa1\1fa2\1fa3\1fa4\1fa5' ||
    U&'\1fa6\1fa7\1fa8\1fa9\1faa\1fab\1fac\1fad\1fae\1faf\1fb0\1fb1\1fb2\1fb3\1fb4\1fb6' ||
    U&'\1fb7\1fb8\1fb9\1fba\1fbc\1fbe\1fc2\1fc3\1fc4\1fc6\1fc7\1fc8\1fca\1fcc\1fd0\1fd1' ||
    U&'\1fd2\1fd6\1fd7\1fd8\1fd9\1fda\1fe0\1fe1\1fe2\1fe4\1fe5\1fe6\1fe7\1fe8\1fe9\1fea' ||
    U&'\1fec\1ff2\1ff3\1ff4\1ff6\1ff7\1ff8\1ffa\1ffc\2102\210a\210b\210c\210d\210e\2110' ||
    U&'\2111\2112\2113\2115\2119\211a\211b\211c\211d\2124\2128\212b\212c\212d\212f\2130' ||
    U&'\2131\2133\2134\2139\2145\2146\2147\2148\2149\2150\2151\2152\2153\2154\2155\2156' ||
    U&'\2157\2158\2159\215a\215b\215c\215d\215e\215f\2160\2161\2162\2163\2164\2165\2166' ||
    U&'\2167\2168\2169\216a\216b\216c\216d\216e\216f\2170\2171\2172\2173\2174\2175\2176' ||
    U&'\2177\2178\2179\217a\217b\217c\217d\217e\217f\2189\fb00\fb01\fb02\fb03\fb04\fb05' ||
    U&'\fb06\ff10\ff11\ff12\ff13\ff14\ff15\ff16\ff17\ff18\ff19\ff21\ff22\ff23\ff24\ff25' ||
    U&'\ff26\ff27\ff28\ff29\ff2a\ff2b\ff2c\ff2d\ff2e\ff2f\ff30\ff31\ff32\ff33\ff34\ff35' ||
    U&'\ff36\ff37\ff38\ff39\ff3a\ff41\ff42\ff43\ff44\ff45\ff46\ff47\ff48\ff49\ff4a\ff4b' ||
    U&'\ff4c\ff4d\ff4e\ff4f\ff50\ff51\ff52\ff53\ff54\ff55\ff56\ff57\ff58\ff59\ff5a',
    U&'\+0f0000\+0f0001\+0f0002\+0f0003\+0f0004\+0f0005\+0f0006\+0f0007\+0f0008' ||
    U&'\+0f0009\+0f000a\+0f000b\+0f000c\+0f000d\+0f000e\+0f000f\+0f0010\+0f0011' ||
    U&'\+0f0012\+0f0013\+0f0014\+0f0015\+0f0016\+0f0017\+0f0018\+0f0019\+0f001a' ||
    U&'\+0f001b\+0f001c\+0f001d\+0f001e\+0f001f\+0f0020\+0f0021\+0f0022\+0f0023' ||
    U&'\+0f0024\+0f0025\+0f0026\+0f0027\+0f0028\+0f0029\+0f002a\+0f002b\+0f002c' ||
    U&'\+0f002d\+0f002e\+0f002f\+0f0030\+0f0031\+0f0032\+0f0033\+0f0034\+0f0035' ||
    U&'\+0f0036\+0f0037\+0f0038\+0f0039\+0f003a\+0f003b\+0f003c\+0f003d\+0f003e' ||
    U&'\+0f003f\+0f0040\+0f0041\+0f0042\+0f0043\+0f0044\+0f0045\+0f0046\+0f0047' ||
    U&'\+0f0048\+0f0049\+0f004a\+0f004b\+0f004c\+0f004d\+0f004e\+0f004f\+0f0050' ||
    U&'\+0f0051\+0f0052\+0f0053\+0f0054\+0f0055\+0f0056\+0f0057\+0f0058\+0f0059' ||
    U&'\+0f005a\+0f005b\+0f005c\+0f005d\+0f005e\+0f005f\+0f0060\+0f0061\+0f0062' ||
    U&'\+0f0063\+0f0064\+0f0065\+0f0066\+0f0067\+0f0068\+0f0069\+0f006a\+0f006b' ||
    U&'\+0f006c\+0f006d\+0f006e\+0f006f\+0f0070\+0f0071\+0f0072\+0f0073\+0f0074' ||
    U&'\+0f0075\+0f0076\+0f0077\+0f0078\+0f0079\+0f007a\+0f007b\+0f007c\+0f007d' ||
    U&'\+0f007e\+0f007f\+0f0080\+0f0081\+0f0082\+0f0083\+0f0084\+0f0085\+0f0086' ||
    U&'\+0f0087\+0f0088\+0f0089\+0f008a\+0f008b\+0f008c\+0f008d\+0f008e\+0f008f' ||
    U&'\+0f0090\+0f0091\+0f0092\+0f0093\+0f0094\+0f0095\+0f0096\+0f0097\+0f0098' ||
    U&'\+0f0099\+0f009a\+0f009b\+0f009c\+0f009d\+0f009e\+0f009f\+0f00a0\+0f00a1' ||
    U&'\+0f00a2\+0f00a3\+0f00a4\+0f00a5\+0f00a6\+0f00a7\+0f00a8\+0f00a9\+0f00aa' ||
    U&'\+0f00ab\+0f00ac\+0f00ad\+0f00ae\+0f00af\+0f00b0\+0f00b1\+0f00b2\+0f00b3' ||
    U&'\+0f00b4\+0f00b5\+0f00b6\+0f00b7\+0f00b8\+0f00b9\+0f00ba\+0f00bb\+0f00bc' ||
    U&'\+0f00bd\+0f00be\+0f00bf\+0f00c0\+0f00c1\+0f00c2\+0f00c3\+0f00c4\+0f00c5' ||
    U&'\+0f00c6\+0f00c7\+0f00c8\+0f00c9\+0f00ca\+0f00cb\+0f00cc\+0f00cd\+0f00ce' ||
    U&'\+0f00cf\+0f00d0\+0f00d1\+0f00d2\+0f00d3\+0f00d4\+0f00d5\+0f00d6\+0f00d7' ||
    U&'\+0f00d8\+0f00d9\+0f00da\+0f00db\+0f00dc\+0f00dd\+0f00de\+0f00df\+0f00e0' ||
    U&'\+0f00e1\+0f00e2\+0f00e3\+0f00e4\+0f00e5\+0f00e6\+0f00e7\+0f00e8\+0f00e9' ||
    U&'\+0f00ea\+0f00eb\+0f00ec\+0f00ed\+0f00ee\+0f00ef\+0f00f0\+0f00f1\+0f00f2' ||
    U&'\+0f00f3\+0f00f4\+0f00f5\+0f00f6\+0f00f7\+0f00f8\+0f00f9\+0f00fa\+0f00fb' ||
    U&'\+0f00fc\+0f00fd\+0f00fe\+0f00ff\+0f0100\+0f0101\+0f0102\+0f0103\+0f0104' ||
    U&'\+0f0105\+0f0106\+0f0107\+0f0108\+0f0109\+0f010a\+0f010b\+0f010c\+0f010d' ||
    U&'\+0f010e\+0f010f\+0f0110\+0f0111\+0f0112\+0f0113\+0f0114\+0f0115\+0f0116' ||
    U&'\+0f0117\+0f0118\+0f0119\+0f011a\+0f011b\+0f011c\+0f011d\+0f011e\+0f011f' ||
    U&'\+0f0120\+0f0121\+0f0122\+0f0123\+0f0124\+0f0125\+0f0126\+0f0127\+0f0128' ||
    U&'\+0f0129\+0f012a\+0f012b\+0f012c\+0f012d\+0f012e\+0f012f\+0f0130\+0f0131' ||
    U&'\+0f0132\+0f0133\+0f0134\+0f0135\+0f0136\+0f0137\+0f0138\+0f0139\+0f013a' ||
    U&'\+0f013b\+0f013c\+0f013d\+0f013e\+0f013f\+0f0140\+0f0141\+0f0142\+0f0143' ||
    U&'\+0f0144\+0f0145\+0f0146\+0f0147\+0f0148\+0f0149\+0f014a\+0f014b\+0f014c' ||
    U&'\+0f014d\+0f014e\+0f014f\+0f0150\+0f0151\+0f0152\+0f0153\+0f0154\+0f0155' ||
    U&'\+0f0156\+0f0157\+0f0158\+0f0159\+0f015a\+0f015b\+0f015c\+0f015d\+0f015e' ||
    U&'\+0f015f\+0f0160\+0f0161\+0f0162\+0f0163\+0f0164\+0f0165\+0f0166\+0f0167' ||
    U&'\+0f0168\+0f0169\+0f016a\+0f016b\+0f016c\+0f016d\+0f016e\+0f016f\+0f0170' ||
    U&'\+0f0171\+0f0172\+0f0173\+0f0174\+0f0175\+0f0176\+0f0177\+0f0178\+0f0179' ||
    U&'\+0f017a\+0f017b\+0f017c\+0f017d\+0f017e\+0f017f\+0f0180\+0f0181\+0f0182' ||
    U&'\+0f0183\+0f0184\+0f0185\+0f0186\+0f0187\+0f0188\+0f0189\+0f018a\+0f018b' ||
    U&'\+0f018c\+0f018d\+0f018e\+0f018f\+0f0190\+0f0191\+0f0192\+0f0193\+0f0194' ||
    U&'\+0f0195\+0f0196\+0f0197\+0f0198\+0f0199\+0f019a\+0f019b\+0f019c\+0f019d' ||
    U&'\+0f019e\+0f019f\+0f01a0\+0f01a1\+0f01a2\+0f01a3\+0f01a4\+0f01a5\+0f01a6' ||
    U&'\+0f01a7\+0f01a8\+0f01a9\+0f01aa\+0f01ab\+0f01ac\+0f01ad\+0f01ae\+0f01af' ||
    U&'\+0f01b0\+0f01b1\+0f01b2\+0f01b3\+0f01b4\+0f01b5\+0f01b6\+0f01b7\+0f01b8' ||
    U&'\+0f01b9\+0f01ba\+0f01bb\+0f01bc\+0f01bd\+0f01be\+0f01bf\+0f01c0\+0f01c1' ||
    U&'\+0f01c2\+0f01c3\+0f01c4\+0f01c5\+0f01c6\+0f01c7\+0f01c8\+0f01c9\+0f01ca' ||
    U&'\+0f01cb\+0f01cc\+0f01cd\+0f01ce\+0f01cf\+0f01d0\+0f01d1\+0f01d2\+0f01d3' ||
    U&'\+0f01d4\+0f01d5\+0f01d6\+0f01d7\+0f01d8\+0f01d9\+0f01da\+0f01db\+0f01dc' ||
    U&'\+0f01dd\+0f01de\+0f01df\+0f01e0\+0f01e1\+0f01e2\+0f01e3\+0f01e4\+0f01e5' ||
    U&'\+0f01e6\+0f01e7\+0f01e8\+0f01e9\+0f01ea\+0f01eb\+0f01ec\+0f01ed\+0f01ee' ||
    U&'\+0f01ef\+0f01f0\+0f01f1\+0f01f2\+0f01f3\+0f01f4\+0f01f5\+0f01f6\+0f01f7' ||
    U&'\+0f01f8\+0f01f9\+0f01fa\+0f01fb\+0f01fc\+0f01fd\+0f01fe\+0f01ff\+0f0200' ||
    U&'\+0f0201\+0f0202\+0f0203\+0f0204\+0f0205\+0f0206\+0f0207\+0f0208\+0f0209' ||
    U&'\+0f020a\+0f020b\+0f020c\+0f020d\+0f020e\+0f020f\+0f0210\+0f0211\+0f0212' ||
    U&'\+0f0213\+0f0214\+0f0215\+0f0216\+0f0217\+0f0218\+0f0219\+0f021a\+0f021b' ||
    U&'\+0f021c\+0f021d\+0f021e\+0f021f\+0f0220\+0f0221\+0f0222\+0f0223\+0f0224' ||
    U&'\+0f0225\+0f0226\+0f0227\+0f0228\+0f0229\+0f022a\+0f022b\+0f022c\+0f022d' ||
    U&'\+0f022e')) COLLATE "default"),
    U&'\+0f0000\+0f0001\+0f0002\+0f0003\+0f0004\+0f0005\+0f0006\+0f0007\+0f0008' ||
    U&'\+0f0009\+0f000a\+0f000b\+0f000c\+0f000d\+0f000e\+0f000f\+0f0010\+0f0011' ||
    U&'\+0f0012\+0f0013\+0f0014\+0f0015\+0f0016\+0f0017\+0f0018\+0f0019\+0f001a' ||
    U&'\+0f001b\+0f001c\+0f001d\+0f001e\+0f001f\+0f0020\+0f0021\+0f0022\+0f0023' ||
    U&'\+0f0024\+0f0025\+0f0026\+0f0027\+0f0028\+0f0029\+0f002a\+0f002b\+0f002c' ||
    U&'\+0f002d\+0f002e\+0f002f\+0f0030\+0f0031\+0f0032\+0f0033\+0f0034\+0f0035' ||
    U&'\+0f0036\+0f0037\+0f0038\+0f0039\+0f003a\+0f003b\+0f003c\+0f003d\+0f003e' ||
    U&'\+0f003f\+0f0040\+0f0041\+0f0042\+0f0043\+0f0044\+0f0045\+0f0046\+0f0047' ||
    U&'\+0f0048\+0f0049\+0f004a\+0f004b\+0f004c\+0f004d\+0f004e\+0f004f\+0f0050' ||
    U&'\+0f0051\+0f0052\+0f0053\+0f0054\+0f0055\+0f0056\+0f0057\+0f0058\+0f0059' ||
    U&'\+0f005a\+0f005b\+0f005c\+0f005d\+0f005e\+0f005f\+0f0060\+0f0061\+0f0062' ||
    U&'\+0f0063\+0f0064\+0f0065\+0f0066\+0f0067\+0f0068\+0f0069\+0f006a\+0f006b' ||
    U&'\+0f006c\+0f006d\+0f006e\+0f006f\+0f0070\+0f0071\+0f0072\+0f0073\+0f0074' ||
    U&'\+0f0075\+0f0076\+0f0077\+0f0078\+0f0079\+0f007a\+0f007b\+0f007c\+0f007d' ||
    U&'\+0f007e\+0f007f\+0f0080\+0f0081\+0f0082\+0f0083\+0f0084\+0f0085\+0f0086' ||
    U&'\+0f0087\+0f0088\+0f0089\+0f008a\+0f008b\+0f008c\+0f008d\+0f008e\+0f008f' ||
    U&'\+0f0090\+0f0091\+0f0092\+0f0093\+0f0094\+0f0095\+0f0096\+0f0097\+0f0098' ||
    U&'\+0f0099\+0f009a\+0f009b\+0f009c\+0f009d\+0f009e\+0f009f\+0f00a0\+0f00a1' ||
    U&'\+0f00a2\+0f00a3\+0f00a4\+0f00a5\+0f00a6\+0f00a7\+0f00a8\+0f00a9\+0f00aa' ||
    U&'\+0f00ab\+0f00ac\+0f00ad\+0f00ae\+0f00af\+0f00b0\+0f00b1\+0f00b2\+0f00b3' ||
    U&'\+0f00b4\+0f00b5\+0f00b6\+0f00b7\+0f00b8\+0f00b9\+0f00ba\+0f00bb\+0f00bc' ||
    U&'\+0f00bd\+0f00be\+0f00bf\+0f00c0\+0f00c1\+0f00c2\+0f00c3\+0f00c4\+0f00c5' ||
    U&'\+0f00c6\+0f00c7\+0f00c8\+0f00c9\+0f00ca\+0f00cb\+0f00cc\+0f00cd\+0f00ce' ||
    U&'\+0f00cf\+0f00d0\+0f00d1\+0f00d2\+0f00d3\+0f00d4\+0f00d5\+0f00d6\+0f00d7' ||
    U&'\+0f00d8\+0f00d9\+0f00da\+0f00db\+0f00dc\+0f00dd\+0f00de\+0f00df\+0f00e0' ||
    U&'\+0f00e1\+0f00e2\+0f00e3\+0f00e4\+0f00e5\+0f00e6\+0f00e7\+0f00e8\+0f00e9' ||
    U&'\+0f00ea\+0f00eb\+0f00ec\+0f00ed\+0f00ee\+0f00ef\+0f00f0\+0f00f1\+0f00f2' ||
    U&'\+0f00f3\+0f00f4\+0f00f5\+0f00f6\+0f00f7\+0f00f8\+0f00f9\+0f00fa\+0f00fb' ||
    U&'\+0f00fc\+0f00fd\+0f00fe\+0f00ff\+0f0100\+0f0101\+0f0102\+0f0103\+0f0104' ||
    U&'\+0f0105\+0f0106\+0f0107\+0f0108\+0f0109\+0f010a\+0f010b\+0f010c\+0f010d' ||
    U&'\+0f010e\+0f010f\+0f0110\+0f0111\+0f0112\+0f0113\+0f0114\+0f0115\+0f0116' ||
    U&'\+0f0117\+0f0118\+0f0119\+0f011a\+0f011b\+0f011c\+0f011d\+0f011e\+0f011f' ||
    U&'\+0f0120\+0f0121\+0f0122\+0f0123\+0f0124\+0f0125\+0f0126\+0f0127\+0f0128' ||
    U&'\+0f0129\+0f012a\+0f012b\+0f012c\+0f012d\+0f012e\+0f012f\+0f0130\+0f0131' ||
    U&'\+0f0132\+0f0133\+0f0134\+0f0135\+0f0136\+0f0137\+0f0138\+0f0139\+0f013a' ||
    U&'\+0f013b\+0f013c\+0f013d\+0f013e\+0f013f\+0f0140\+0f0141\+0f0142\+0f0143' ||
    U&'\+0f0144\+0f0145\+0f0146\+0f0147\+0f0148\+0f0149\+0f014a\+0f014b\+0f014c' ||
    U&'\+0f014d\+0f014e\+0f014f\+0f0150\+0f0151\+0f0152\+0f0153\+0f0154\+0f0155' ||
    U&'\+0f0156\+0f0157\+0f0158\+0f0159\+0f015a\+0f015b\+0f015c\+0f015d\+0f015e' ||
    U&'\+0f015f\+0f0160\+0f0161\+0f0162\+0f0163\+0f0164\+0f0165\+0f0166\+0f0167' ||
    U&'\+0f0168\+0f0169\+0f016a\+0f016b\+0f016c\+0f016d\+0f016e\+0f016f\+0f0170' ||
    U&'\+0f0171\+0f0172\+0f0173\+0f0174\+0f0175\+0f0176\+0f0177\+0f0178\+0f0179' ||
    U&'\+0f017a\+0f017b\+0f017c\+0f017d\+0f017e\+0f017f\+0f0180\+0f0181\+0f0182' ||
    U&'\+0f0183\+0f0184\+0f0185\+0f0186\+0f0187\+0f0188\+0f0189\+0f018a\+0f018b' ||
    U&'\+0f018c\+0f018d\+0f018e\+0f018f\+0f0190\+0f0191\+0f0192\+0f0193\+0f0194' ||
    U&'\+0f0195\+0f0196\+0f0197\+0f0198\+0f0199\+0f019a\+0f019b\+0f019c\+0f019d' ||
    U&'\+0f019e\+0f019f\+0f01a0\+0f01a1\+0f01a2\+0f01a3\+0f01a4\+0f01a5\+0f01a6' ||
    U&'\+0f01a7\+0f01a8\+0f01a9\+0f01aa\+0f01ab\+0f01ac\+0f01ad\+0f01ae\+0f01af' ||
    U&'\+0f01b0\+0f01b1\+0f01b2\+0f01b3\+0f01b4\+0f01b5\+0f01b6\+0f01b7\+0f01b8' ||
    U&'\+0f01b9\+0f01ba\+0f01bb\+0f01bc\+0f01bd\+0f01be\+0f01bf\+0f01c0\+0f01c1' ||
    U&'\+0f01c2\+0f01c3\+0f01c4\+0f01c5\+0f01c6\+0f01c7\+0f01c8\+0f01c9\+0f01ca' ||
    U&'\+0f01cb\+0f01cc\+0f01cd\+0f01ce\+0f01cf\+0f01d0\+0f01d1\+0f01d2\+0f01d3' ||
    U&'\+0f01d4\+0f01d5\+0f01d6\+0f01d7\+0f01d8\+0f01d9\+0f01da\+0f01db\+0f01dc' ||
    U&'\+0f01dd\+0f01de\+0f01df\+0f01e0\+0f01e1\+0f01e2\+0f01e3\+0f01e4\+0f01e5' ||
    U&'\+0f01e6\+0f01e7\+0f01e8\+0f01e9\+0f01ea\+0f01eb\+0f01ec\+0f01ed\+0f01ee' ||
    U&'\+0f01ef\+0f01f0\+0f01f1\+0f01f2\+0f01f3\+0f01f4\+0f01f5\+0f01f6\+0f01f7' ||
    U&'\+0f01f8\+0f01f9\+0f01fa\+0f01fb\+0f01fc\+0f01fd\+0f01fe\+0f01ff\+0f0200' ||
    U&'\+0f0201\+0f0202\+0f0203\+0f0204\+0f0205\+0f0206\+0f0207\+0f0208\+0f0209' ||
    U&'\+0f020a\+0f020b\+0f020c\+0f020d\+0f020e\+0f020f\+0f0210\+0f0211\+0f0212' ||
    U&'\+0f0213\+0f0214\+0f0215\+0f0216\+0f0217\+0f0218\+0f0219\+0f021a\+0f021b' ||
    U&'\+0f021c\+0f021d\+0f021e\+0f021f\+0f0220\+0f0221\+0f0222\+0f0223\+0f0224' ||
    U&'\+0f0225\+0f0226\+0f0227\+0f0228\+0f0229\+0f022a\+0f022b\+0f022c\+0f022d' ||
    U&'\+0f022e',
    U&'\03bc\00bc\00bd\00be\00e6\00f0\00f8\00fe\00df\00e6\00f0\00f8\00fe\0111\0111\0127' ||
    U&'\0127\0131\0133\0133\0138\0140\0140\0142\0142\0149\014b\014b\0153\0153\0167\0167' ||
    U&'\0180\0253\0183\0183\0188\0188\0256\0257\018c\018c\025b\0192\0192\0260\0195\0269' ||
    U&'\0268\0199\0199\019a\0272\019e\01a3\01a3\01a5\01a5\01ab\01ad\01ad\0288\028b\01b4' ||
    U&'\01b4\01b6\01b6\01c6\01c6\01c6\01c9\01c9\01c9\01cc\01cc\01cc\01e1\01e1\01e5\01e5' ||
    U&'\01f3\01f3\01f3\0221\0225\0225\0234\0235\0236\0237\0238\0239\2c65\023c\023c\019a' ||
    U&'\2c66\023f\0240\0180\0289\0247\0247\0249\0249\024d\024d\024f\024f\0253\0255\0256' ||
    U&'\0257\025b\025f\0260\0261\0262\0266\0267\0268\026a\026b\026c\026d\0271\0272\0273' ||
    U&'\0274\0276\027c\027d\027e\0280\0282\0288\0289\028b\028f\0290\0291\0299\029b\029c' ||
    U&'\029d\029f\02a0\02a3\02a5\02a6\02aa\02ab\02b9\02ba\02bb\02bc\02bd\02c6\02c8\02cb' ||
    U&'\02d0\037f\03ac\03ad\03ae\03af\03cc\03cd\03ce\0390\03ca\03cb\03ac\03ad\03ae\03af' ||
    U&'\03b0\03c3\03ca\03cb\03cc\03cd\03ce\03b2\03b8\03c6\03c0\03ba\03c1\03b5\0451\0451' ||
    U&'\0528\052a\052c\052e\1e9a\0073\1e9c\1e9d\00df\1efb\1efb\1efd\1efd\1eff\1eff\1f00' ||
    U&'\1f01\1f02\1f03\1f04\1f05\1f06\1f07\1f00\1f01\1f02\1f03\1f04\1f05\1f06\1f07\1f10' ||
    U&'\1f11\1f12\1f13\1f14\1f15\1f10\1f11\1f12\1f13\1f14\1f15\1f20\1f21\1f22\1f23\1f24' ||
    U&'\1f25\1f26\1f27\1f20\1f21\1f22\1f23\1f24\1f25\1f26\1f27\1f30\1f31\1f32\1f33\1f34' ||
    U&'\1f35\1f36\1f37\1f30\1f31\1f32\1f33\1f34\1f35\1f36\1f37\1f40\1f41\1f42\1f43\1f44' ||
    U&'\1f45\1f40\1f41\1f42\1f43\1f44\1f45\1f50\1f51\1f52\1f53\1f54\1f55\1f56\1f57\1f51' ||
    U&'\1f53\1f55\1f57\1f60\1f61\1f62\1f63\1f64\1f65\1f66\1f67\1f60\1f61\1f62\1f63\1f64' ||
    U&'\1f65\1f66\1f67\1f70\1f72\1f74\1f76\1f78\1f7a\1f7c\1f80\1f81\1f82\1f83\1f84\1f85' ||
    U&'\1f86\1f87\1f80\1f81\1f82\1f83\1f84\1f85\1f86\1f87\1f90\1f91\1f92\1f93\1f94\1f95' ||
    U&'\1f96\1f97\1f90\1f91\1f92\1f93\1f94\1f95\1f96\1f97\1fa0\1fa1\1fa2\1fa3\1fa4\1fa5' ||
    U&'\1fa6\1fa7\1fa0\1fa1\1fa2\1fa3\1fa4\1fa5\1fa6\1fa7\1fb0\1fb1\1fb2\1fb3\1fb4\1fb6' ||
    U&'\1fb7\1fb0\1fb1\1f70\1fb3\03b9\1fc2\1fc3\1fc4\1fc6\1fc7\1f72\1f74\1fc3\1fd0\1fd1' ||
    U&'\1fd2\1fd6\1fd7\1fd0\1fd1\1f76\1fe0\1fe1\1fe2\1fe4\1fe5\1fe6\1fe7\1fe0\1fe1\1f7a' ||
    U&'\1fe5\1ff2\1ff3\1ff4\1ff6\1ff7\1f78\1f7c\1ff3\2102\210a\210b\210c\210d\210e\2110' ||
    U&'\2111\2112\2113\2115\2119\211a\211b\211c\211d\2124\2128\0061\212c\212d\212f\2130' ||
    U&'\2131\2133\2134\2139\2145\2146\2147\2148\2149\2150\2151\2152\2153\2154\2155\2156' ||
    U&'\2157\2158\2159\215a\215b\215c\215d\215e\215f\2170\2171\2172\2173\2174\2175\2176' ||
    U&'\2177\2178\2179\217a\217b\217c\217d\217e\217f\2170\2171\2172\2173\2174\2175\2176' ||
    U&'\2177\2178\2179\217a\217b\217c\217d\217e\217f\2189\fb00\fb01\fb02\fb03\fb04\fb05' ||
    U&'\fb06\ff10\ff11\ff12\ff13\ff14\ff15\ff16\ff17\ff18\ff19\ff41\ff42\ff43\ff44\ff45' ||
    U&'\ff46\ff47\ff48\ff49\ff4a\ff4b\ff4c\ff4d\ff4e\ff4f\ff50\ff51\ff52\ff53\ff54\ff55' ||
    U&'\ff56\ff57\ff58\ff59\ff5a\ff41\ff42\ff43\ff44\ff45\ff46\ff47\ff48\ff49\ff4a\ff4b' ||
    U&'\ff4c\ff4d\ff4e\ff4f\ff50\ff51\ff52\ff53\ff54\ff55\ff56\ff57\ff58\ff59\ff5a'),
        '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+', '', 'g') COLLATE "C"
    ELSE regexp_replace(lower(lmo_unaccent(token) COLLATE "default"),
                        '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+', '', 'g') COLLATE "C"
  END;

-- The tokens of a text in order: split on every character that unicode61 does not count as a
-- letter, number or private-use character (this list: each code point for which SQLite 3.40
-- tokenizes 'a' || chr(cp) || 'a' as two tokens), then folded. Tokens are cut at 255
-- characters (tsvector lexemes stop at 2 kB; queries are at most 64 bytes a word). The
-- plpgsql functions keep the search path they were created with, so that they find each
-- other wherever they run (a restore, for one, runs with an empty search path).
CREATE FUNCTION lmo_search_tokens(input text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $$
DECLARE
  tokens text[] := '{}';
  piece text;
  token text;
BEGIN
  FOREACH piece IN ARRAY regexp_split_to_array(input,
    '[' ||
      '\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x9f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf' ||
      '\u00d7\u00f7\u02c2-\u02c5\u02d2-\u02df\u02e5-\u02eb\u02ed\u02ef-\u02ff\u0305\u030d-\u030e\u0310' ||
      '\u0312-\u031a\u031c-\u0322\u0329-\u032c\u032f\u0332-\u036f\u0375\u037e\u0384-\u0385\u0387\u03f6' ||
      '\u0482-\u0489\u055a-\u055f\u0589-\u058a\u058f\u0591-\u05c7\u05f3-\u05f4\u0600-\u0604' ||
      '\u0606-\u061b\u061e-\u061f\u064b-\u065f\u066a-\u066d\u0670\u06d4\u06d6-\u06e4\u06e7-\u06ed' ||
      '\u06fd-\u06fe\u0700-\u070d\u070f\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07f6-\u07f9' ||
      '\u0816-\u0819\u081b-\u0823\u0825-\u0827\u0829-\u082d\u0830-\u083e\u0859-\u085b\u085e' ||
      '\u08e4-\u08fe\u0900-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0965\u0970' ||
      '\u0981-\u0983\u09bc\u09be-\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09f2-\u09f3' ||
      '\u09fa-\u09fb\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75' ||
      '\u0a81-\u0a83\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0af0-\u0af1' ||
      '\u0b01-\u0b03\u0b3c\u0b3e-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d\u0b56-\u0b57\u0b62-\u0b63\u0b70\u0b82' ||
      '\u0bbe-\u0bc2\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd7\u0bf3-\u0bfa\u0c01-\u0c03\u0c3e-\u0c44' ||
      '\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56\u0c62-\u0c63\u0c7f\u0c82-\u0c83\u0cbc\u0cbe-\u0cc4' ||
      '\u0cc6-\u0cc8\u0cca-\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d02-\u0d03\u0d3e-\u0d44\u0d46-\u0d48' ||
      '\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d79\u0d82-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf' ||
      '\u0df2-\u0df4\u0e31\u0e34-\u0e3a\u0e3f\u0e47-\u0e4f\u0e5a-\u0e5b\u0eb1\u0eb4-\u0eb9\u0ebb-\u0ebc' ||
      '\u0ec8-\u0ecd\u0f01-\u0f1f\u0f34-\u0f3f\u0f71-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fbe-\u0fcc' ||
      '\u0fce-\u0fda\u102b-\u103e\u104a-\u104f\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d' ||
      '\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109f\u10fb\u135d-\u1368\u1390-\u1399\u1400\u166d-\u166e' ||
      '\u1680\u169b-\u169c\u16eb-\u16ed\u1712-\u1714\u1732-\u1736\u1752-\u1753\u1772-\u1773' ||
      '\u17b4-\u17d6\u17d8-\u17db\u17dd\u1800-\u180e\u18a9\u1920-\u192b\u1930-\u193b\u1940\u1944-\u1945' ||
      '\u19b0-\u19c0\u19c8-\u19c9\u19de-\u19ff\u1a17-\u1a1b\u1a1e-\u1a1f\u1a55-\u1a5e\u1a60-\u1a7c' ||
      '\u1a7f\u1aa0-\u1aa6\u1aa8-\u1aad\u1b00-\u1b04\u1b34-\u1b44\u1b5a-\u1b7c\u1b80-\u1b82' ||
      '\u1ba1-\u1bad\u1be6-\u1bf3\u1bfc-\u1bff\u1c24-\u1c37\u1c3b-\u1c3f\u1c7e-\u1c7f\u1cc0-\u1cc7' ||
      '\u1cd0-\u1ce8\u1ced\u1cf2-\u1cf4\u1dc0-\u1de6\u1dfc-\u1dff\u1fbd\u1fbf-\u1fc1\u1fcd-\u1fcf' ||
      '\u1fdd-\u1fdf\u1fed-\u1fef\u1ffd-\u1ffe\u2000-\u2064\u206a-\u206f\u207a-\u207e\u208a-\u208e' ||
      '\u20a0-\u20b9\u20d0-\u20f0\u2100-\u2101\u2103-\u2106\u2108-\u2109\u2114\u2116-\u2118' ||
      '\u211e-\u2123\u2125\u2127\u2129\u212e\u213a-\u213b\u2140-\u2144\u214a-\u214d\u214f\u2190-\u23f3' ||
      '\u2400-\u2426\u2440-\u244a\u249c-\u24e9\u2500-\u26ff\u2701-\u2775\u2794-\u2b4c\u2b50-\u2b59' ||
      '\u2ce5-\u2cea\u2cef-\u2cf1\u2cf9-\u2cfc\u2cfe-\u2cff\u2d70\u2d7f\u2de0-\u2e2e\u2e30-\u2e3b' ||
      '\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u2ff0-\u2ffb\u3000-\u3004\u3008-\u3020\u302a-\u3030' ||
      '\u3036-\u3037\u303d-\u303f\u3099-\u309c\u30a0\u30fb\u3190-\u3191\u3196-\u319f\u31c0-\u31e3' ||
      '\u3200-\u321e\u322a-\u3247\u3250\u3260-\u327f\u328a-\u32b0\u32c0-\u32fe\u3300-\u33ff' ||
      '\u4dc0-\u4dff\ua490-\ua4c6\ua4fe-\ua4ff\ua60d-\ua60f\ua66f-\ua67e\ua69f\ua6f0-\ua6f7' ||
      '\ua700-\ua716\ua720-\ua721\ua789-\ua78a\ua802\ua806\ua80b\ua823-\ua82b\ua836-\ua839\ua874-\ua877' ||
      '\ua880-\ua881\ua8b4-\ua8c4\ua8ce-\ua8cf\ua8e0-\ua8f1\ua8f8-\ua8fa\ua926-\ua92f\ua947-\ua953' ||
      '\ua95f\ua980-\ua983\ua9b3-\ua9cd\ua9de-\ua9df\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa5c-\uaa5f' ||
      '\uaa77-\uaa79\uaa7b\uaab0\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaade-\uaadf\uaaeb-\uaaf1' ||
      '\uaaf5-\uaaf6\uabe3-\uabed\ufb1e\ufb29\ufbb2-\ufbc1\ufd3e-\ufd3f\ufdfc-\ufdfd\ufe00-\ufe19' ||
      '\ufe20-\ufe26\ufe30-\ufe52\ufe54-\ufe66\ufe68-\ufe6b\ufeff\uff01-\uff0f\uff1a-\uff20' ||
      '\uff3b-\uff40\uff5b-\uff65\uffe0-\uffe6\uffe8-\uffee\ufff9-\uffff\U00010100-\U00010102' ||
      '\U00010137-\U0001013f\U00010179-\U00010189\U00010190-\U0001019b\U000101d0-\U000101fd\U0001039f' ||
      '\U000103d0\U00010857\U0001091f\U0001093f\U00010a01-\U00010a03\U00010a05-\U00010a06' ||
      '\U00010a0c-\U00010a0f\U00010a38-\U00010a3a\U00010a3f\U00010a50-\U00010a58\U00010a7f' ||
      '\U00010b39-\U00010b3f\U00011000-\U00011002\U00011038-\U0001104d\U00011080-\U00011082' ||
      '\U000110b0-\U000110c1\U00011100-\U00011102\U00011127-\U00011134\U00011140-\U00011143' ||
      '\U00011180-\U00011182\U000111b3-\U000111c0\U000111c5-\U000111c8\U000116ab-\U000116b7' ||
      '\U00012470-\U00012473\U00016f51-\U00016f7e\U00016f8f-\U00016f92\U0001d000-\U0001d0f5' ||
      '\U0001d100-\U0001d126\U0001d129-\U0001d1dd\U0001d200-\U0001d245\U0001d300-\U0001d356\U0001d6c1' ||
      '\U0001d6db\U0001d6fb\U0001d715\U0001d735\U0001d74f\U0001d76f\U0001d789\U0001d7a9\U0001d7c3' ||
      '\U0001eef0-\U0001eef1\U0001f000-\U0001f02b\U0001f030-\U0001f093\U0001f0a0-\U0001f0ae' ||
      '\U0001f0b1-\U0001f0be\U0001f0c1-\U0001f0cf\U0001f0d1-\U0001f0df\U0001f110-\U0001f12e' ||
      '\U0001f130-\U0001f16b\U0001f170-\U0001f19a\U0001f1e6-\U0001f202\U0001f210-\U0001f23a' ||
      '\U0001f240-\U0001f248\U0001f250-\U0001f251\U0001f300-\U0001f320\U0001f330-\U0001f335' ||
      '\U0001f337-\U0001f37c\U0001f380-\U0001f393\U0001f3a0-\U0001f3c4\U0001f3c6-\U0001f3ca' ||
      '\U0001f3e0-\U0001f3f0\U0001f400-\U0001f43e\U0001f440\U0001f442-\U0001f4f7\U0001f4f9-\U0001f4fc' ||
      '\U0001f500-\U0001f53d\U0001f540-\U0001f543\U0001f550-\U0001f567\U0001f5fb-\U0001f640' ||
      '\U0001f645-\U0001f64f\U0001f680-\U0001f6c5\U0001f700-\U0001f773\U000e0001\U000e0020-\U000e007f' ||
      '\U000e0100-\U000e01ef' || ']+') LOOP
    token := left(lmo_fold_token(piece), 255);
    IF token <> '' THEN
      tokens := tokens || token;
    END IF;
  END LOOP;
  RETURN tokens;
END
$$;

-- The words of an LMO as a tsvector, with positions so that phrases match.
CREATE FUNCTION lmo_words_vector(words text) RETURNS tsvector
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $$
DECLARE
  tokens text[] := lmo_search_tokens(words);
  literal text := '';
BEGIN
  FOR i IN 1 .. cardinality(tokens) LOOP
    literal := literal || ' ''' || tokens[i] || ''':' || least(i, 16383);
  END LOOP;
  RETURN literal::tsvector;
END
$$;

-- A search's words (separated by spaces) as a query that finds what FTS5 finds for
-- "word1"* "word2"*: every word a prefix; a word that folds to several tokens ("a×b") a
-- phrase whose last token is a prefix; a word with no token is left out. NULL (matches
-- nothing) when no word is left.
CREATE FUNCTION lmo_prefix_query(words text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $$
DECLARE
  word text;
  tokens text[];
  terms text;
BEGIN
  FOREACH word IN ARRAY string_to_array(words, ' ') LOOP
    tokens := lmo_search_tokens(word);
    CONTINUE WHEN cardinality(tokens) = 0;
    terms := coalesce(terms || ' & ', '') || '''' || array_to_string(tokens, ''' <-> ''') || ''':*';
  END LOOP;
  RETURN terms::tsquery;
END
$$;

CREATE TABLE lmo_index (
  key          TEXT COLLATE "C" PRIMARY KEY,
  uid          TEXT,                       -- canonical identifier (with Ø)
  uid_compact  TEXT COLLATE "C" NOT NULL,  -- identifier in capitals, 0 for Ø, no separators: MON008106
  event_name   TEXT COLLATE "C" NOT NULL,
  organism     TEXT COLLATE "C" NOT NULL,
  developer    TEXT COLLATE "C" NOT NULL,
  is_stack     BOOLEAN NOT NULL,
  -- Words: names, organism names in every language, traits, developer; accents ignored.
  words        TEXT NOT NULL,
  words_vector tsvector GENERATED ALWAYS AS (lmo_words_vector(words)) STORED,
  -- Identifiers and names in compact form, for partial identifiers such as "00810".
  ids          TEXT NOT NULL
);
CREATE INDEX lmo_index_organism ON lmo_index(organism);
CREATE INDEX lmo_index_developer ON lmo_index(developer);
CREATE INDEX lmo_index_uid_compact ON lmo_index(uid_compact);
CREATE INDEX lmo_index_words ON lmo_index USING gin (words_vector);
CREATE INDEX lmo_index_ids ON lmo_index USING gin (ids public.gin_trgm_ops);

CREATE TABLE lmo_traits (
  key   TEXT COLLATE "C" NOT NULL,
  trait TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, trait)
);
CREATE INDEX lmo_traits_trait ON lmo_traits(trait);

-- Every name an LMO is known by, in lower case: event name, aliases, trade names.
CREATE TABLE lmo_names (
  key  TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, name)
);
CREATE INDEX lmo_names_name ON lmo_names(name);

CREATE TABLE decision_index (
  id       TEXT COLLATE "C" PRIMARY KEY,
  country  TEXT COLLATE "C" NOT NULL,
  date     TEXT COLLATE "C" NOT NULL,
  expiry   TEXT,
  result   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX decision_index_country ON decision_index(country);

CREATE TABLE decision_lmos (
  decision_id TEXT COLLATE "C" NOT NULL,
  lmo_key     TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (decision_id, lmo_key)
);
CREATE INDEX decision_lmos_lmo ON decision_lmos(lmo_key);

-- Countries with an approval on record (any use, any date): the search facet.
CREATE TABLE lmo_approval_countries (
  key     TEXT COLLATE "C" NOT NULL,
  country TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, country)
);
CREATE INDEX lmo_approval_countries_country ON lmo_approval_countries(country);
