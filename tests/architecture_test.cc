// The module graph of docs/architecture.md, checked on every include: the table "Layers and
// dependency direction" there lists, per module, the modules it may use (its "depends on"
// column); a file under src/<module>/, include/qat/<module>/ or apps/qtrader/ may include
// the headers of its own module and of those, nothing else of the library; apps/ only through
// the public headers (qat/...). The test reads the
// table from the document itself, so the picture and the check cannot disagree, and names
// each include that breaks a rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// module -> the modules it may include, from the table's first and last columns. "everything
// above" and "the library" stand for every module listed before the row.
std::map<std::string, std::set<std::string>> AllowedEdges(const std::string& doc) {
  std::map<std::string, std::set<std::string>> edges;
  std::vector<std::string> order;
  const std::regex row(R"re(^\| `([a-z_/]+)` \|.*\| ([^|]*) \|\s*$)re");
  std::istringstream lines(doc);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    const std::string module = m[1], deps = m[2];
    std::set<std::string> allowed;
    if (deps.find("everything above") != std::string::npos || deps.find("the library") != std::string::npos) {
      allowed.insert(order.begin(), order.end());
    } else {
      const std::regex word(R"re([a-z_]+)re");
      for (std::sregex_iterator w(deps.begin(), deps.end(), word), end; w != end; ++w) {
        if (std::find(order.begin(), order.end(), (*w)[0].str()) != order.end()) allowed.insert((*w)[0]);
      }
    }
    edges[module] = allowed;
    order.push_back(module);
  }
  return edges;
}

// The module a file belongs to, or "" for files outside the checked folders.
std::string ModuleOf(const fs::path& root, const fs::path& file) {
  const auto rel = fs::relative(file, root);
  auto part = rel.begin();
  const std::string top = part->string();
  if (top == "apps") return "apps/qtrader";
  if (top == "src") return (++part)->string();
  if (top == "include") return (++(++part))->string();
  return "";
}

struct Violation {
  std::string file, module, used;
};

std::vector<Violation> Violations(const fs::path& root, const std::map<std::string, std::set<std::string>>& edges,
                                  std::vector<std::string>* unknown, int* checked) {
  std::vector<Violation> out;
  const std::regex include_re(R"re(#include\s+"(?:qat/)?([a-z_]+)/)re");
  for (const char* base : {"src", "include/qat", "apps/qtrader"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / base)) {
      if (!entry.is_regular_file()) continue;
      const std::string module = ModuleOf(root, entry.path());
      const auto allowed = edges.find(module);
      if (allowed == edges.end()) {
        unknown->push_back(entry.path().string() + " (module '" + module + "')");
        continue;
      }
      const std::string body = Read(entry.path());
      for (std::sregex_iterator m(body.begin(), body.end(), include_re), end; m != end; ++m) {
        const std::string used = (*m)[1];
        // The front ends see the library through its public headers (qat/...) only.
        if (module == "apps/qtrader" && m->str().find("\"qat/") == std::string::npos && edges.count(used)) {
          out.push_back({fs::relative(entry.path(), root).string(), module, used + " (a private header of src/)"});
          continue;
        }
        if (!edges.count(used) || used == module) continue;  // a private sub-folder ("ta/patterns/...") or its own
        ++*checked;
        if (!allowed->second.count(used)) out.push_back({fs::relative(entry.path(), root).string(), module, used});
      }
    }
  }
  return out;
}

TEST(Architecture, EveryIncludeFollowsTheModuleGraphOfTheDocs) {
  const fs::path root(QAT_SOURCE_DIR);
  const auto edges = AllowedEdges(Read(root / "docs/architecture.md"));
  ASSERT_GE(edges.size(), 14u) << "the table of docs/architecture.md was not found";
  ASSERT_TRUE(edges.count("apps/qtrader"));
  std::vector<std::string> unknown;
  int checked = 0;
  const auto violations = Violations(root, edges, &unknown, &checked);
  for (const auto& f : unknown) ADD_FAILURE() << f << " is in no module of the table in docs/architecture.md";
  for (const auto& v : violations) {
    std::string allowed;
    for (const auto& a : edges.at(v.module)) allowed += (allowed.empty() ? "" : ", ") + a;
    ADD_FAILURE() << v.file << " (" << v.module << ") includes " << v.used << "; " << v.module
                  << " may use only: " << (allowed.empty() ? "nothing" : allowed);
  }
  EXPECT_GT(checked, 100);
}

// The check itself: a wrong-way include planted in a copy of the tree is named.
TEST(Architecture, APlantedWrongWayIncludeIsNamed) {
  const fs::path root(QAT_SOURCE_DIR);
  const fs::path copy = fs::temp_directory_path() / ("qat-arch-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  for (const char* dir : {"src/core", "include/qat/core", "include/qat/store", "apps/qtrader"}) {
    fs::create_directories(copy / dir);
  }
  std::ofstream(copy / "src/core/planted.cc") << "#include \"qat/store/store.h\"\n";
  std::ofstream(copy / "apps/qtrader/main.cc") << "#include \"store/migrations.h\"\n#include \"qat/store/store.h\"\n";
  const auto edges = AllowedEdges(Read(root / "docs/architecture.md"));
  std::vector<std::string> unknown;
  int checked = 0;
  const auto violations = Violations(copy, edges, &unknown, &checked);
  fs::remove_all(copy);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].file, "src/core/planted.cc");
  EXPECT_EQ(violations[0].module, "core");
  EXPECT_EQ(violations[0].used, "store");
  EXPECT_EQ(violations[1].file, "apps/qtrader/main.cc");
  EXPECT_EQ(violations[1].used, "store (a private header of src/)");
  EXPECT_TRUE(unknown.empty());
}

}  // namespace
