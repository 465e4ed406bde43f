// BCH record import: documents, /info forms, index rows and responses → registry records.
// Fixtures follow the shapes of the BCH record API and search index (see domain/bch_record.cpp for
// the sources of each field name); GUIDs are shaped like BCH's but made up for the tests.
#include "domain/bch_record.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/registry_json.hpp"

using lmo::domain::bch_name_id;
using lmo::domain::bch_organism_id;
using lmo::domain::BchDecodeResult;
using lmo::domain::decode_bch;
using lmo::domain::Decision;
using lmo::domain::Laboratory;
using lmo::domain::Lmo;
using lmo::domain::RecordProblem;
using lmo::domain::RecordType;

namespace {

constexpr const char* kRetrieved = "2026-11-28";

BchDecodeResult decode(const char* text) { return decode_bch(boost::json::parse(text), kRetrieved); }

std::string problems_text(const BchDecodeResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += "[" + std::to_string(p.index) + "] " + p.field + ": " + p.reason + "\n";
  return out;
}

// Every record produced must be accepted by the registry's own decoder.
void expect_valid_registry(const BchDecodeResult& r) {
  for (RecordType type : {RecordType::lmo, RecordType::decision, RecordType::laboratory}) {
    const auto encoded = lmo::domain::encode_records(type, r.records);
    lmo::domain::Registry again;
    std::vector<RecordProblem> problems;
    lmo::domain::decode_records(type, encoded, again, problems);
    for (const auto& p : problems) ADD_FAILURE() << "registry rejects " << p.record << ": " << p.field << " " << p.reason;
  }
}

std::string en(const lmo::domain::LocalizedText& text) {
  auto it = text.by_language().find("en");
  return it == text.by_language().end() ? "" : it->second;
}

// MON810 as GET /documents/{uid}/info returns it (documentID and revision of BCH-LMO-SCBD-14750-19).
constexpr const char* kMon810Info = R"json({
  "identifier": "5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A",
  "documentID": 14750,
  "revision": 19,
  "type": "modifiedOrganism",
  "realm": "BCH",
  "title": {"en": "MON-ØØ81Ø-6 - YieldGard™ maize"},
  "body": {
    "header": {"identifier": "5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A", "schema": "modifiedOrganism", "languages": ["en", "fr"]},
    "identity": {"en": "YieldGard™ maize", "fr": "Maïs YieldGard™"},
    "transformationEvent": "MON810",
    "hasUniqueIdentification": true,
    "uniqueIdentification": "MON-ØØ81Ø-6",
    "developers": [{"identifier": "3CBDA8AA-4A16-CA5C-D405-7F4E865A60AA@1"}],
    "description": {"en": "<div><!--block-->Maize producing a truncated Cry1Ab protein &amp; protected against the European corn borer.</div>"},
    "recipientOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD@8"}],
    "linkedModifiedOrganisms": [{"identifier": "C7A1B2D3-0000-4000-8000-000000014892@3"}, {"identifier": "C7A1B2D3-0000-4000-8000-000000014893@1"}],
    "genes": [{"identifier": "B3F2CEA4-EB7A-DDF2-02CA-701520EE1BE7@2"}, {"identifier": "A1E2C3D4-1111-2222-3333-444455556666@1"}],
    "vector": {"en": "PV-ZMBK07"},
    "commonUses": [{"identifier": "F816F788-BBC3-4ADB-9979-AE07CDED094E"}],
    "techniqueUsed": [{"identifier": "0368E952-6D50-43D3-B23A-EFA438B410A9"}],
    "isGeneEdited": false,
    "traits": [{"identifier": "31396BD1-9E3E-4EB3-A29E-9A22B7230221"}],
    "detectionMethodLinks": [{"url": "https://gmo-crl.jrc.ec.europa.eu/summaries/MON810_validated_Method.pdf", "name": "EURL GMFF", "language": "en"}]
  }
})json";

TEST(BchRecord, DecodesModifiedOrganismInfoForm) {
  const auto r = decode(kMon810Info);
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  EXPECT_EQ(r.documents, 1u);
  ASSERT_EQ(r.records.lmos.size(), 1u);
  EXPECT_TRUE(r.records.decisions.empty());
  EXPECT_TRUE(r.records.laboratories.empty());
  const Lmo& l = r.records.lmos[0];
  EXPECT_EQ(l.key, "MON-ØØ81Ø-6");
  EXPECT_EQ(l.uid, "MON-ØØ81Ø-6");
  EXPECT_EQ(l.event_name, "MON810");
  EXPECT_EQ(l.aliases, (std::vector<std::string>{"YieldGard™ maize", "Maïs YieldGard™",
                                                "bch:5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A"}));
  EXPECT_TRUE(l.trade_names.empty());
  EXPECT_EQ(l.organism, "bch:1E027990-5D44-F3AF-75E3-715B60BFD3CD");
  EXPECT_EQ(l.developer, "bch:3CBDA8AA-4A16-CA5C-D405-7F4E865A60AA");
  EXPECT_FALSE(l.is_stack);  // related LMOs alone do not make a stack
  EXPECT_TRUE(l.parents.empty());
  EXPECT_EQ(l.traits, (std::vector<std::string>{"bch:31396BD1-9E3E-4EB3-A29E-9A22B7230221"}));
  EXPECT_EQ(l.elements, (std::vector<std::string>{"bch:B3F2CEA4-EB7A-DDF2-02CA-701520EE1BE7",
                                                  "bch:A1E2C3D4-1111-2222-3333-444455556666"}));
  EXPECT_EQ(l.bch_record, "BCH-LMO-SCBD-14750-19");
  EXPECT_EQ(en(l.description), "Maize producing a truncated Cry1Ab protein & protected against the European corn borer.");
  EXPECT_EQ(l.provenance.source, "https://bch.cbd.int/database/record.shtml?documentid=14750");
  EXPECT_EQ(l.provenance.retrieved, kRetrieved);
  EXPECT_TRUE(l.provenance.verified);
  EXPECT_NE(l.provenance.note.find("imported from BCH"), std::string::npos);
  EXPECT_NE(l.provenance.note.find("organism is a BCH reference"), std::string::npos);
  EXPECT_NE(l.provenance.note.find("developer is a BCH reference"), std::string::npos);
  expect_valid_registry(r);
}

TEST(BchRecord, DecodesPlainDocumentWithNamedReferencesAndZeroSpelling) {
  const auto r = decode(R"json({
    "header": {"identifier": "8E1F0C3A-6D2B-4E5F-A1B2-C3D4E5F60001", "schema": "modifiedOrganism", "languages": ["en"]},
    "identity": {"en": "Roundup Ready™ soybean"},
    "transformationEvent": " GTS 40-3-2 ",
    "uniqueIdentification": "mon-04032-6",
    "developers": [{"identifier": "3CBDA8AA-4A16-CA5C-D405-7F4E865A60AA@1", "name": "Monsanto Company"},
                   {"identifier": "4DBDA8AA-4A16-CA5C-D405-7F4E865A60AB@2"}],
    "recipientOrganisms": [{"identifier": "2F027990-5D44-F3AF-75E3-715B60BFD3CE@4", "scientificName": "Glycine max (L.) Merr."}],
    "traits": [{"identifier": "5B6177DD-5E5E-434E-8CB7-D63D67D5EBED", "customValue": {"en": "Glyphosate tolerance"}}],
    "description": "Soybean tolerant to glyphosate."
  })json");
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.lmos.size(), 1u);
  const Lmo& l = r.records.lmos[0];
  EXPECT_EQ(l.uid, "MON-Ø4Ø32-6");
  EXPECT_EQ(l.key, "MON-Ø4Ø32-6");
  EXPECT_EQ(l.event_name, "GTS 40-3-2");
  EXPECT_EQ(l.aliases, (std::vector<std::string>{"Roundup Ready™ soybean", "bch:8E1F0C3A-6D2B-4E5F-A1B2-C3D4E5F60001"}));
  EXPECT_EQ(l.organism, "glycine-max");
  EXPECT_EQ(l.developer, "monsanto-company");
  EXPECT_EQ(l.traits, (std::vector<std::string>{"glyphosate-tolerance"}));
  EXPECT_TRUE(l.elements.empty());
  EXPECT_EQ(l.bch_record, "8E1F0C3A-6D2B-4E5F-A1B2-C3D4E5F60001");
  EXPECT_EQ(en(l.description), "Soybean tolerant to glyphosate.");
  EXPECT_EQ(l.provenance.source, "BCH record 8E1F0C3A-6D2B-4E5F-A1B2-C3D4E5F60001");
  EXPECT_NE(l.provenance.note.find("only the first of 2 developers"), std::string::npos);
  expect_valid_registry(r);
}

TEST(BchRecord, StackFromTimesJoinedIdentifier) {
  const auto r = decode(R"json({
    "header": {"identifier": "9A000000-0000-4000-8000-000000000001", "schema": "modifiedOrganism", "languages": ["en"]},
    "transformationEvent": "MON89034 × TC1507 × DAS40278",
    "hasUniqueIdentification": true,
    "uniqueIdentification": "MON-89Ø34-3 × DAS-Ø15Ø7-1 × DAS-4Ø278-9",
    "recipientOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD@8", "scientificName": "Zea mays L."}]
  })json");
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.lmos.size(), 1u);
  const Lmo& l = r.records.lmos[0];
  EXPECT_TRUE(l.is_stack);
  EXPECT_EQ(l.uid, "MON-89Ø34-3 × DAS-Ø15Ø7-1 × DAS-4Ø278-9");
  EXPECT_EQ(l.key, "MON-89Ø34-3 × DAS-Ø15Ø7-1 × DAS-4Ø278-9");
  EXPECT_EQ(l.parents, (std::vector<std::string>{"MON-89Ø34-3", "DAS-Ø15Ø7-1", "DAS-4Ø278-9"}));
  EXPECT_EQ(l.organism, "zea-mays");
  EXPECT_EQ(l.developer, "");
  expect_valid_registry(r);
}

TEST(BchRecord, StackFromEventNameUsesLinkedRecordsOrEventNames) {
  const auto r = decode(R"json([
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000002", "schema": "modifiedOrganism"},
     "transformationEvent": "NK603 × MON810",
     "uniqueIdentification": "not yet assigned",
     "recipientOrganisms": ["Zea mays"],
     "linkedModifiedOrganisms": [{"identifier": "AAAA0000-0000-4000-8000-000000000603@2"}, {"identifier": "5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A@19"}]},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000003", "schema": "modifiedOrganism"},
     "transformationEvent": "MON89034 x NK603",
     "recipientOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD", "name": "Zea mays"}]}
  ])json");
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  EXPECT_EQ(r.documents, 2u);
  ASSERT_EQ(r.records.lmos.size(), 2u);
  const Lmo& linked = r.records.lmos[0];
  EXPECT_TRUE(linked.is_stack);
  EXPECT_FALSE(linked.uid.has_value());
  EXPECT_EQ(linked.key, "event:NK603 × MON810");
  EXPECT_EQ(linked.parents, (std::vector<std::string>{"bch:AAAA0000-0000-4000-8000-000000000603",
                                                      "bch:5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A"}));
  EXPECT_NE(linked.provenance.note.find("'not yet assigned' not readable"), std::string::npos);
  const Lmo& named = r.records.lmos[1];
  EXPECT_TRUE(named.is_stack);
  EXPECT_EQ(named.key, "event:MON89034 x NK603");
  EXPECT_EQ(named.parents, (std::vector<std::string>{"event:MON89034", "event:NK603"}));
  EXPECT_EQ(named.organism, "zea-mays");
  expect_valid_registry(r);
}

TEST(BchRecord, IdentifierFlagsAndCheckDigitWarnings) {
  const auto r = decode(R"json([
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000004", "schema": "modifiedOrganism"},
     "transformationEvent": "MON810", "hasUniqueIdentification": false, "uniqueIdentification": "MON-ØØ81Ø-6",
     "recipientOrganisms": ["Zea mays"]},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000005", "schema": "modifiedOrganism"},
     "transformationEvent": "MON810", "uniqueIdentification": "MON-ØØ81Ø-5",
     "recipientOrganisms": ["Zea mays"]}
  ])json");
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.lmos.size(), 2u);
  EXPECT_FALSE(r.records.lmos[0].uid.has_value());
  EXPECT_EQ(r.records.lmos[0].key, "event:MON810");
  EXPECT_EQ(r.records.lmos[1].uid, "MON-ØØ81Ø-5");  // kept as written, flagged
  EXPECT_NE(r.records.lmos[1].provenance.note.find("possible typo"), std::string::npos);
  expect_valid_registry(r);
}

// An EU decision as the record API returns it (Commission Implementing Decision (EU) 2017/2452,
// renewal for maize 1507).
constexpr const char* kEuDecision = R"json({
  "header": {"identifier": "2A9F4D7C-9C32-861E-8344-FF562C3F0D3F", "schema": "biosafetyDecision", "languages": ["en"]},
  "government": {"identifier": "eu"},
  "authorities": [{"identifier": "78AFAA88-47EA-9333-AD6E-C21BCB17DE21@1"}],
  "title": {"en": "Commission Implementing Decision (EU) 2017/2452"},
  "date": "2017-12-21",
  "isAmendment": false,
  "decisionTypes": [{"identifier": "BE64016A-C3BD-4C61-9620-C3FEF96B2A24"}, {"identifier": "0D0BEEF4-54E4-44C1-ABB2-B89DC145E0B3"}],
  "uses": [{"identifier": "91BEAF12-ABE1-4294-AD3B-507935894C78"}, {"identifier": "1D96153B-1625-44E4-AD5E-D26429044B29"}],
  "decisionResult": {"identifier": "3EFF4792-A896-4DC7-9945-04FE9C8B5B4F"},
  "conditions": {"en": "<div>Labelling: 'genetically modified maize'; <b>not for cultivation</b>. Post-market environmental monitoring.</div>"},
  "modifiedOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD@8"}, {"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD@9"}],
  "riskAssessments": [{"identifier": "486389BF-3C48-F2C9-2622-AC3D8E119845@4"}],
  "expires": true
})json";

TEST(BchRecord, DecodesEuDecision) {
  const auto r = decode(kEuDecision);
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.decisions.size(), 1u);
  const Decision& d = r.records.decisions[0];
  EXPECT_EQ(d.id, "bch-2A9F4D7C-9C32-861E-8344-FF562C3F0D3F");
  EXPECT_EQ(d.country, "EU");
  EXPECT_EQ(d.lmos, (std::vector<std::string>{"bch:1E027990-5D44-F3AF-75E3-715B60BFD3CD"}));  // revisions merged
  EXPECT_TRUE(d.scope.food);
  EXPECT_TRUE(d.scope.feed);
  EXPECT_FALSE(d.scope.processing);  // the uses name food and feed only
  EXPECT_FALSE(d.scope.release);
  EXPECT_FALSE(d.scope.field_trial);
  EXPECT_FALSE(d.scope.contained_use);
  EXPECT_FALSE(d.scope.transit);
  EXPECT_FALSE(d.scope.other);
  EXPECT_EQ(d.result, "approved-with-conditions");
  EXPECT_EQ(d.conditions, "Labelling: 'genetically modified maize'; not for cultivation. Post-market environmental monitoring.");
  EXPECT_EQ(d.date, "2017-12-21");
  EXPECT_FALSE(d.expiry.has_value());  // `expires` is BCH's confirm-after-two-years flag
  EXPECT_EQ(d.authority, "bch:78AFAA88-47EA-9333-AD6E-C21BCB17DE21");
  EXPECT_EQ(d.reference, "Commission Implementing Decision (EU) 2017/2452");
  EXPECT_EQ(d.provenance.source, "BCH record 2A9F4D7C-9C32-861E-8344-FF562C3F0D3F");
  EXPECT_EQ(d.provenance.retrieved, kRetrieved);
  EXPECT_TRUE(d.provenance.verified);
  expect_valid_registry(r);
}

TEST(BchRecord, DecisionScopeResultAndLmoRules) {
  const auto r = decode(R"json([
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000001", "schema": "biosafetyDecision"},
     "government": {"identifier": "de"}, "date": "2019-03-01T00:00:00.000Z",
     "decisionTypes": [{"identifier": "be64016a-c3bd-4c61-9620-c3fef96b2a24"}],
     "decisionResult": {"identifier": "3B9ECE67-B35C-40FF-8C06-4EA5FF762899"},
     "modifiedOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD@8", "uniqueIdentification": "MON-00810-6"}],
     "authorities": [{"identifier": "78AFAA88-47EA-9333-AD6E-C21BCB17DE21", "name": "BVL"}, {"identifier": "78AFAA88-47EA-9333-AD6E-C21BCB17DE22@2"}]},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000002", "schema": "biosafetyDecision"},
     "government": {"identifier": "ar"}, "date": "2020-10-06",
     "decisionTypes": [{"identifier": "E8C5A15C-A736-4fb7-A1B6-192412BE7E45"}],
     "involvesFieldTrial": true,
     "decisionResult": {"identifier": "6DD1B161-4CDB-4900-BD31-DBB97E86B2AE"},
     "modifiedOrganisms": [{"identifier": "BBBB0000-0000-4000-8000-000000000412"}], "expires": "2025-10-06"},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000003", "schema": "biosafetyDecision"},
     "government": {"identifier": "za"}, "date": "2015-05-05",
     "decisionTypes": [{"identifier": "E8C5A15C-A736-4fb7-A1B6-192412BE7E45"}, {"identifier": "1B6F702C-0C68-4B53-BCA4-1DA4A25E23A8"}],
     "uses": [{"identifier": "42A3DCAE-5FD8-4218-941D-DF11D4AE65FA"}],
     "decisionResult": {"identifier": "5B6177DD-5E5E-434E-8CB7-D63D67D5EBED", "customValue": {"en": "Approved for import for contained use only"}},
     "modifiedOrganisms": [{"identifier": "BBBB0000-0000-4000-8000-000000000413@1"}]},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000004", "schema": "biosafetyDecision"},
     "government": {"identifier": "ke"}, "date": "2022-10-03",
     "decisionTypes": [{"identifier": "83C0DBFB-AD5C-4B88-8ECE-5365991F2956"}],
     "modifiedOrganisms": [{"identifier": "BBBB0000-0000-4000-8000-000000000414@1"}]}
  ])json");
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.decisions.size(), 4u);
  const Decision& ffp = r.records.decisions[0];
  EXPECT_EQ(ffp.country, "DE");
  EXPECT_EQ(ffp.date, "2019-03-01");
  EXPECT_EQ(ffp.lmos, (std::vector<std::string>{"MON-ØØ81Ø-6"}));
  EXPECT_TRUE(ffp.scope.food && ffp.scope.feed && ffp.scope.processing);  // FFP subject, no uses given
  EXPECT_FALSE(ffp.scope.release || ffp.scope.field_trial || ffp.scope.other);
  EXPECT_EQ(ffp.result, "approved");
  EXPECT_EQ(ffp.authority, "BVL; bch:78AFAA88-47EA-9333-AD6E-C21BCB17DE22");
  EXPECT_EQ(ffp.reference, "");

  const Decision& trial = r.records.decisions[1];
  EXPECT_EQ(trial.country, "AR");
  EXPECT_TRUE(trial.scope.field_trial);
  EXPECT_FALSE(trial.scope.release || trial.scope.other || trial.scope.food);
  EXPECT_EQ(trial.result, "prohibited");
  EXPECT_EQ(trial.expiry, "2025-10-06");

  const Decision& other = r.records.decisions[2];
  EXPECT_TRUE(other.scope.contained_use);
  EXPECT_TRUE(other.scope.transit);
  EXPECT_TRUE(other.scope.other);  // intentional introduction without trial/release details
  EXPECT_FALSE(other.scope.release || other.scope.field_trial);
  EXPECT_EQ(other.result, "Approved for import for contained use only");

  const Decision& unstated = r.records.decisions[3];
  EXPECT_EQ(unstated.result, "unspecified");
  EXPECT_TRUE(unstated.scope.other);  // an unintentional-movement communication
  EXPECT_NE(unstated.provenance.note.find("decision result not stated"), std::string::npos);
  expect_valid_registry(r);
}

// The JRC's EU Reference Laboratory as the /info form of a laboratoryDetection record.
constexpr const char* kJrcLab = R"json({
  "identifier": "LAB0C0DE-0000-4000-8000-0000000EURL1",
  "documentID": 101877,
  "revision": 4,
  "title": {"en": "European Union Reference Laboratory for GM Food and Feed (EURL GMFF), Joint Research Centre"},
  "body": {
    "header": {"identifier": "LAB0C0DE-0000-4000-8000-0000000EURL1", "schema": "laboratoryDetection", "languages": ["en"]},
    "government": {"identifier": "it"},
    "organization": {"identifier": "ORG0C0DE-0000-4000-8000-000000000JRC@2"},
    "services": [{"identifier": "0D33B8B5-1C5B-4AE2-8AB8-5A8C1BAAAAA1"},
                 {"identifier": "5B6177DD-5E5E-434E-8CB7-D63D67D5EBED", "customValue": {"en": "Method validation"}}],
    "certifications": {"en": "<div>ISO/IEC 17025</div>"},
    "detectionMethods": [{"identifier": "DM000000-0000-4000-8000-000000000PCR"}],
    "detectableLmos": [{"identifier": "5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A@19"}],
    "detectableGenes": [{"identifier": "B3F2CEA4-EB7A-DDF2-02CA-701520EE1BE7@2"}]
  }
})json";

TEST(BchRecord, DecodesJrcLaboratory) {
  const auto r = decode(kJrcLab);
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.laboratories.size(), 1u);
  const Laboratory& l = r.records.laboratories[0];
  EXPECT_EQ(l.id, "bch-LAB0C0DE-0000-4000-8000-0000000EURL1");
  EXPECT_EQ(l.name, "European Union Reference Laboratory for GM Food and Feed (EURL GMFF), Joint Research Centre");
  EXPECT_EQ(l.country, "IT");
  EXPECT_EQ(l.url, "");
  EXPECT_EQ(l.services, (std::vector<std::string>{"bch:0D33B8B5-1C5B-4AE2-8AB8-5A8C1BAAAAA1", "Method validation"}));
  EXPECT_EQ(l.accreditation, "ISO/IEC 17025");
  EXPECT_EQ(l.network, "");
  EXPECT_EQ(l.detectable, (std::vector<std::string>{"bch:5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A",
                                                    "bch:B3F2CEA4-EB7A-DDF2-02CA-701520EE1BE7"}));
  EXPECT_EQ(l.provenance.source, "https://bch.cbd.int/database/record.shtml?documentid=101877");
  expect_valid_registry(r);
}

TEST(BchRecord, LaboratoryNameAndCountryFromCarriedOrganization) {
  const auto r = decode(R"json({
    "header": {"identifier": "LAB0C0DE-0000-4000-8000-000000000BFR", "schema": "laboratoryDetection"},
    "organization": {"identifier": "ORG0C0DE-0000-4000-8000-000000000BFR", "name": "Bundesinstitut für Risikobewertung (BfR)",
                     "country": {"identifier": "de"}, "websites": [{"url": "https://www.bfr.bund.de/"}]}
  })json");
  ASSERT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.records.laboratories.size(), 1u);
  const Laboratory& l = r.records.laboratories[0];
  EXPECT_EQ(l.name, "Bundesinstitut für Risikobewertung (BfR)");
  EXPECT_EQ(l.country, "DE");
  EXPECT_EQ(l.url, "https://www.bfr.bund.de/");
  EXPECT_TRUE(l.services.empty());
  EXPECT_FALSE(l.accreditation.has_value());
  expect_valid_registry(r);
}

TEST(BchRecord, LaboratoryProblems) {
  const auto r = decode(R"json([
    {"header": {"identifier": "LAB0C0DE-0000-4000-8000-000000000001", "schema": "laboratoryDetection"},
     "organization": {"identifier": "ORG0C0DE-0000-4000-8000-000000000001@1"}, "government": {"identifier": "be"}},
    {"header": {"identifier": "LAB0C0DE-0000-4000-8000-000000000002", "schema": "laboratoryDetection"},
     "title": {"en": "Some lab"}, "government": {"identifier": "eu"}},
    {"header": {"identifier": "LAB0C0DE-0000-4000-8000-000000000003", "schema": "laboratoryDetection"},
     "title": {"en": "Some lab"}}
  ])json");
  ASSERT_EQ(r.problems.size(), 3u) << problems_text(r);
  EXPECT_TRUE(r.records.laboratories.empty());
  EXPECT_EQ(r.problems[0].index, 0u);
  EXPECT_EQ(r.problems[0].record, "LAB0C0DE-0000-4000-8000-000000000001");
  EXPECT_EQ(r.problems[0].field, "documents[0].organization");
  EXPECT_EQ(r.problems[1].field, "documents[1].government");
  EXPECT_EQ(r.problems[2].field, "documents[2].government");
  EXPECT_NE(r.problems[2].reason.find("missing"), std::string::npos);
}

// A search-index response (GET /api/v2013/index, Realm BCH) with LMO, decision and lab rows.
constexpr const char* kIndexResponse = R"json({
  "responseHeader": {"status": 0, "QTime": 3},
  "response": {"numFound": 6, "start": 0, "docs": [
    {"id": "5f1a", "identifier_s": "5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A", "schema_s": "modifiedOrganism",
     "uniqueIdentifier_s": "bch-lmo-scbd-14750-19", "uniqueIdentification_s": "MON-ØØ81Ø-6",
     "transformationEvent_s": "MON810", "identity_s": "YieldGard™ maize", "title_EN_t": "MON-ØØ81Ø-6 - YieldGard™ maize",
     "lmoScientificNames_ss": ["Zea mays"], "lmoCommonNames_EN_txt": ["Maize", "Corn"],
     "traits_ss": ["31396BD1-9E3E-4EB3-A29E-9A22B7230221"], "geneIdentifiers_ss": ["B3F2CEA4-EB7A-DDF2-02CA-701520EE1BE7"],
     "summary_EN_t": "Maize producing Cry1Ab.", "url_ss": ["https://bch.cbd.int/database/record.shtml?documentid=14750"],
     "_revision_i": 19},
    {"identifier_s": "DEC00000-0000-4000-8000-000000000101", "schema_s": "biosafetyDecision", "government_s": "eu",
     "uniqueIdentifier_s": "bch-dec-eu-115120-2", "title_EN_t": "Commission Implementing Decision (EU) 2017/2452",
     "decisionDate_dt": "2017-12-21T00:00:00Z", "decisionResult_s": "3EFF4792-A896-4DC7-9945-04FE9C8B5B4F",
     "modifiedOrganisms_ss": ["DDDD0000-0000-4000-8000-000000001507@5"],
     "scopeFood_b": true, "scopeFeed_b": true, "scopeProcessing_b": true, "scopeRelease_b": false},
    {"identifier_s": "DEC00000-0000-4000-8000-000000000102", "schema_s": "biosafetyDecision", "government_s": "br",
     "title_t": "CTNBio Parecer Técnico 7.292/2021", "decisionDate_dt": "2021-03-04T00:00:00Z",
     "modifiedOrganisms_ss": ["MON-87427-7", "EEEE0000-0000-4000-8000-000000087427"],
     "scopeRelease_b": true, "scopeConfined_b": true, "scopeContainedUse_b": true, "scopeTransit_b": true,
     "scopePharmaceutical_b": true},
    {"identifier_s": "DEC00000-0000-4000-8000-000000000103", "schema_s": "biosafetyDecision", "government_s": "us",
     "decisionDate_dt": "2016-06-01T00:00:00Z", "modifiedOrganisms_ss": "FFFF0000-0000-4000-8000-000000000001",
     "uses_ss": ["6430E4F4-9E5F-48BE-B4ED-9E1A4FED981E"], "scopeFieldTrials_b": true},
    {"identifier_s": "LAB0C0DE-0000-4000-8000-0000000EURL1", "schema_s": "laboratoryDetection", "government_s": "it",
     "title_EN_t": "EURL GMFF, Joint Research Centre", "services_ss": ["0D33B8B5-1C5B-4AE2-8AB8-5A8C1BAAAAA1"],
     "detectableLmos_ss": ["5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A@19"]},
    {"identifier_s": "ORG00000-0000-4000-8000-000000000001", "schema_s": "organism", "title_EN_t": "Zea mays"}
  ]}
})json";

TEST(BchRecord, DecodesSearchIndexResponse) {
  const auto r = decode(kIndexResponse);
  EXPECT_EQ(r.documents, 6u);
  ASSERT_EQ(r.problems.size(), 1u) << problems_text(r);
  EXPECT_EQ(r.problems[0].index, 5u);
  EXPECT_EQ(r.problems[0].field, "response.docs[5].schema_s");
  EXPECT_NE(r.problems[0].reason.find("'organism'"), std::string::npos);

  ASSERT_EQ(r.records.lmos.size(), 1u);
  const Lmo& l = r.records.lmos[0];
  EXPECT_EQ(l.key, "MON-ØØ81Ø-6");
  EXPECT_EQ(l.event_name, "MON810");
  EXPECT_EQ(l.aliases, (std::vector<std::string>{"YieldGard™ maize", "bch:5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A"}));
  EXPECT_EQ(l.organism, "zea-mays");
  EXPECT_EQ(l.traits, (std::vector<std::string>{"bch:31396BD1-9E3E-4EB3-A29E-9A22B7230221"}));
  EXPECT_EQ(l.elements, (std::vector<std::string>{"bch:B3F2CEA4-EB7A-DDF2-02CA-701520EE1BE7"}));
  EXPECT_EQ(l.bch_record, "BCH-LMO-SCBD-14750-19");
  EXPECT_EQ(en(l.description), "Maize producing Cry1Ab.");
  EXPECT_EQ(l.provenance.source, "https://bch.cbd.int/database/record.shtml?documentid=14750");

  ASSERT_EQ(r.records.decisions.size(), 3u);
  const Decision& eu = r.records.decisions[0];
  EXPECT_EQ(eu.id, "bch-DEC00000-0000-4000-8000-000000000101");
  EXPECT_EQ(eu.country, "EU");
  EXPECT_EQ(eu.lmos, (std::vector<std::string>{"bch:DDDD0000-0000-4000-8000-000000001507"}));
  EXPECT_TRUE(eu.scope.food && eu.scope.feed && eu.scope.processing);
  EXPECT_FALSE(eu.scope.release || eu.scope.field_trial || eu.scope.contained_use || eu.scope.transit || eu.scope.other);
  EXPECT_EQ(eu.result, "approved-with-conditions");
  EXPECT_EQ(eu.date, "2017-12-21");
  EXPECT_EQ(eu.reference, "Commission Implementing Decision (EU) 2017/2452");
  EXPECT_EQ(eu.provenance.source, "https://bch.cbd.int/database/record.shtml?documentid=115120");

  const Decision& br = r.records.decisions[1];
  EXPECT_EQ(br.country, "BR");
  EXPECT_EQ(br.lmos, (std::vector<std::string>{"MON-87427-7", "bch:EEEE0000-0000-4000-8000-000000087427"}));
  EXPECT_TRUE(br.scope.release && br.scope.field_trial && br.scope.contained_use && br.scope.transit && br.scope.other);
  EXPECT_FALSE(br.scope.food || br.scope.feed || br.scope.processing);
  EXPECT_EQ(br.result, "unspecified");
  EXPECT_EQ(br.reference, "CTNBio Parecer Técnico 7.292/2021");
  EXPECT_EQ(br.provenance.source, "BCH record DEC00000-0000-4000-8000-000000000102");

  const Decision& us = r.records.decisions[2];
  EXPECT_EQ(us.lmos, (std::vector<std::string>{"bch:FFFF0000-0000-4000-8000-000000000001"}));
  EXPECT_TRUE(us.scope.processing && us.scope.field_trial);
  EXPECT_FALSE(us.scope.food || us.scope.release || us.scope.other);

  ASSERT_EQ(r.records.laboratories.size(), 1u);
  const Laboratory& lab = r.records.laboratories[0];
  EXPECT_EQ(lab.name, "EURL GMFF, Joint Research Centre");
  EXPECT_EQ(lab.country, "IT");
  EXPECT_EQ(lab.services, (std::vector<std::string>{"bch:0D33B8B5-1C5B-4AE2-8AB8-5A8C1BAAAAA1"}));
  EXPECT_EQ(lab.detectable, (std::vector<std::string>{"bch:5B7E3E8C-2F6A-4C1B-9D2E-7A1C0B14750A"}));
  expect_valid_registry(r);
}

TEST(BchRecord, MissingFieldsNameTheirJsonPath) {
  const auto r = decode(R"json([
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000010", "schema": "modifiedOrganism"}, "recipientOrganisms": ["Zea mays"]},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000011", "schema": "modifiedOrganism"}, "transformationEvent": "MON810"},
    {"header": {"schema": "modifiedOrganism"}, "transformationEvent": "MON810", "recipientOrganisms": ["Zea mays"]},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000013", "schema": "modifiedOrganism"}, "uniqueIdentification": "MON-ØØ81Ø-6"},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000014", "schema": "biosafetyDecision"}, "date": "2017-12-21",
     "modifiedOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD"}]},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000015", "schema": "biosafetyDecision"}, "government": {"identifier": "de"},
     "date": "2017-12-21"},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000016", "schema": "biosafetyDecision"}, "government": {"identifier": "de"},
     "modifiedOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD"}]},
    {"transformationEvent": "MON810"}
  ])json");
  EXPECT_EQ(r.documents, 8u);
  EXPECT_TRUE(r.records.lmos.empty());
  EXPECT_TRUE(r.records.decisions.empty());
  ASSERT_EQ(r.problems.size(), 8u) << problems_text(r);
  const std::vector<std::string> fields = {
      "documents[0].transformationEvent", "documents[1].recipientOrganisms", "documents[2].header.identifier",
      "documents[3].transformationEvent", "documents[4].government",         "documents[5].modifiedOrganisms",
      "documents[6].date",                "documents[7].header"};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(r.problems[i].index, i);
    EXPECT_EQ(r.problems[i].field, fields[i]);
    EXPECT_FALSE(r.problems[i].reason.empty());
  }
  EXPECT_EQ(r.problems[0].record, "9A000000-0000-4000-8000-000000000010");
  EXPECT_EQ(r.problems[2].record, "");
}

TEST(BchRecord, UnknownSchemaIsAProblem) {
  const auto single = decode(R"json({"header": {"identifier": "ORG00000-0000-4000-8000-000000000001", "schema": "organism"},
                                 "scientificName": "Zea mays"})json");
  EXPECT_EQ(single.documents, 1u);
  ASSERT_EQ(single.problems.size(), 1u);
  EXPECT_EQ(single.problems[0].field, "header.schema");
  EXPECT_NE(single.problems[0].reason.find("'organism'"), std::string::npos);
  EXPECT_TRUE(single.records.lmos.empty());

  const auto missing = decode(R"json({"header": {"identifier": "ORG00000-0000-4000-8000-000000000001"}})json");
  ASSERT_EQ(missing.problems.size(), 1u);
  EXPECT_EQ(missing.problems[0].field, "header.schema");
}

TEST(BchRecord, WrongTypesAreProblems) {
  const auto r = decode(R"json([
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000020", "schema": "modifiedOrganism"}, "transformationEvent": 810,
     "recipientOrganisms": ["Zea mays"]},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000021", "schema": "modifiedOrganism"}, "transformationEvent": "MON810",
     "recipientOrganisms": "Zea mays"},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000022", "schema": "modifiedOrganism"}, "transformationEvent": "MON810",
     "recipientOrganisms": ["Zea mays"], "genes": [{"identifier": 7}]},
    {"header": {"identifier": "9A000000-0000-4000-8000-000000000023", "schema": "modifiedOrganism"}, "transformationEvent": "MON810",
     "recipientOrganisms": ["Zea mays"], "description": {"english": "text"}},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000024", "schema": "biosafetyDecision"}, "government": "de",
     "date": "2017-12-21", "modifiedOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD"}]},
    {"header": {"identifier": "DEC00000-0000-4000-8000-000000000025", "schema": "biosafetyDecision"}, "government": {"identifier": "de"},
     "date": "21/12/2017", "modifiedOrganisms": [{"identifier": "1E027990-5D44-F3AF-75E3-715B60BFD3CD"}]},
    {"header": {"identifier": "bad id with spaces", "schema": "modifiedOrganism"}},
    {"header": ["modifiedOrganism"]},
    {"schema_s": "biosafetyDecision", "identifier_s": "DEC00000-0000-4000-8000-000000000026", "government_s": "de",
     "decisionDate_dt": "2017-12-21", "modifiedOrganisms_ss": ["1E027990-5D44-F3AF-75E3-715B60BFD3CD"], "scopeFood_b": "yes"},
    "not a document",
    {"identifier": "X", "documentID": "14750", "body": {"header": {"identifier": "9A000000-0000-4000-8000-000000000027", "schema": "modifiedOrganism"}}}
  ])json");
  EXPECT_EQ(r.documents, 11u);
  EXPECT_TRUE(r.records.lmos.empty());
  EXPECT_TRUE(r.records.decisions.empty());
  ASSERT_EQ(r.problems.size(), 11u) << problems_text(r);
  const std::vector<std::string> fields = {
      "documents[0].transformationEvent",   "documents[1].recipientOrganisms",
      "documents[2].genes[0].identifier",   "documents[3].description",
      "documents[4].government",            "documents[5].date",
      "documents[6].header.identifier",     "documents[7].header",
      "documents[8].scopeFood_b",           "documents[9]",
      "documents[10].documentID"};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(r.problems[i].field, fields[i]) << i;
    EXPECT_FALSE(r.problems[i].reason.empty());
  }
}

TEST(BchRecord, EmptyAndNonDocumentInputs) {
  const auto empty_array = decode("[]");
  EXPECT_EQ(empty_array.documents, 0u);
  EXPECT_TRUE(empty_array.problems.empty());
  EXPECT_TRUE(empty_array.records.lmos.empty());

  const auto empty_docs = decode(R"json({"response": {"numFound": 0, "docs": []}})json");
  EXPECT_EQ(empty_docs.documents, 0u);
  EXPECT_TRUE(empty_docs.problems.empty());

  const auto empty_object = decode("{}");
  EXPECT_EQ(empty_object.documents, 1u);
  ASSERT_EQ(empty_object.problems.size(), 1u);
  EXPECT_EQ(empty_object.problems[0].field, "header");

  for (const char* text : {"null", "42", "\"\"", "true"}) {
    const auto r = decode(text);
    EXPECT_EQ(r.documents, 0u) << text;
    ASSERT_EQ(r.problems.size(), 1u) << text;
    EXPECT_FALSE(r.problems[0].reason.empty());
  }

  for (const char* text : {R"json({"response": {}})json", R"json({"response": {"docs": {}}})json", R"json({"response": []})json"}) {
    const auto r = decode(text);
    ASSERT_EQ(r.problems.size(), 1u) << text;
    EXPECT_EQ(r.problems[0].field, "response.docs");
  }
}

TEST(BchRecord, RetrievedDateMustBeADate) {
  for (std::string_view bad : {"", "2026-13-01", "28.11.2026", "2026-11-28T10:00:00Z"}) {
    const auto r = decode_bch(boost::json::parse(kMon810Info), bad);
    EXPECT_TRUE(r.records.lmos.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].field, "retrieved_date");
  }
}

TEST(BchRecord, NameAndOrganismIds) {
  EXPECT_EQ(bch_name_id("Monsanto Company"), "monsanto-company");
  EXPECT_EQ(bch_name_id("  Pioneer Hi-Bred International, Inc. "), "pioneer-hi-bred-international-inc");
  EXPECT_EQ(bch_name_id("Société Générale"), "société-générale");
  EXPECT_EQ(bch_name_id("--"), "");
  EXPECT_EQ(bch_organism_id("Zea mays"), "zea-mays");
  EXPECT_EQ(bch_organism_id("Zea mays L."), "zea-mays");
  EXPECT_EQ(bch_organism_id("Beta vulgaris subsp. vulgaris"), "beta-vulgaris");
  EXPECT_EQ(bch_organism_id("Glycine max (L.) Merr."), "glycine-max");
  EXPECT_EQ(bch_organism_id("Saccharomyces"), "saccharomyces");
  EXPECT_EQ(bch_organism_id("(unknown)"), "");
}

}  // namespace
