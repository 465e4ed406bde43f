#include "web/templates/template_set.hpp"

#include <atomic>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace lmo::web {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kOpen = "{{#_}}";
constexpr std::string_view kClose = "{{/_}}";

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Applies `replace` to each marked message and returns the rewritten template.
template <typename Replace>
std::string rewrite_messages(std::string_view source, Replace&& replace) {
  std::string out;
  size_t position = 0;
  for (;;) {
    size_t open = source.find(kOpen, position);
    if (open == std::string_view::npos) break;
    size_t close = source.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) {
      throw std::runtime_error("unclosed {{#_}} block");
    }
    out.append(source.substr(position, open - position));
    out += replace(collapse_whitespace(source.substr(open + kOpen.size(), close - open - kOpen.size())));
    position = close + kClose.size();
  }
  out.append(source.substr(position));
  return out;
}

std::string key(std::string_view name, std::string_view lang) {
  std::string k(name);
  k += '\n';
  k += lang;
  return k;
}

std::atomic<std::uint64_t> next_id{1};

}  // namespace

std::vector<std::string> extract_messages(std::string_view source) {
  std::vector<std::string> messages;
  rewrite_messages(source, [&](const std::string& message) {
    messages.push_back(message);
    return std::string();
  });
  return messages;
}

TemplateSet::TemplateSet(const fs::path& directory, const Catalogs& catalogs) : id_(next_id++) {
  std::set<std::string> seen;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".mustache") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no templates in " + directory.string());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string source = text.str();
    std::string name = file.stem().string();
    try {
      for (auto& message : extract_messages(source)) {
        if (seen.insert(message).second) messages_.push_back(message);
      }
      for (const auto& language : catalogs.languages()) {
        std::string translated = rewrite_messages(source, [&](const std::string& message) {
          return html_escape(catalogs.translate(language.code, message));
        });
        kainjow::mustache::mustache compiled{translated};
        if (!compiled.is_valid()) {
          throw std::runtime_error(compiled.error_message() + " (language " + language.code + ")");
        }
        translated_.emplace(key(name, language.code), std::move(translated));
      }
    } catch (const std::runtime_error& error) {
      throw std::runtime_error("template " + file.string() + ": " + error.what());
    }
  }
}

std::string TemplateSet::render(std::string_view name, std::string_view lang,
                                const TemplateData& data) const {
  using Compiled = std::unordered_map<std::string, std::unique_ptr<kainjow::mustache::mustache>>;
  thread_local std::unordered_map<std::uint64_t, Compiled> per_thread;
  auto& cache = per_thread[id_];
  std::string k = key(name, lang);
  auto found = cache.find(k);
  if (found == cache.end()) {
    auto source = translated_.find(k);
    if (source == translated_.end()) {
      throw std::logic_error("unknown template " + std::string(name) + " for " + std::string(lang));
    }
    found = cache.emplace(k, std::make_unique<kainjow::mustache::mustache>(source->second)).first;
  }
  return found->second->render(data);
}

}  // namespace lmo::web
