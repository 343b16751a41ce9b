#include "qat/data/corporate_action.h"

#include <algorithm>
#include <cmath>

#include "qat/core/strings.h"

namespace qat::data {

std::string_view ActionTypeName(ActionType type) {
  return type == ActionType::kSplit ? "split" : "dividend";
}

Result<ActionType> ParseActionType(std::string_view text) {
  if (text == "split") return ActionType::kSplit;
  if (text == "dividend") return ActionType::kDividend;
  return Fail("unknown corporate action type {} (expected split or dividend)", Excerpt(text));
}

Result<std::vector<CorporateAction>> ParseActionsCsv(std::string_view text, std::string_view source,
                                                     const std::string& symbol) {
  std::vector<CorporateAction> out;
  int line_number = 0;
  bool header = false;
  for (std::string_view line : Split(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    auto fields = Split(line, ',');
    if (!header) {
      if (fields.size() != 3 || ToLower(Trim(fields[0])) != "date" || ToLower(Trim(fields[1])) != "type" ||
          ToLower(Trim(fields[2])) != "value") {
        return Fail("{}:{}: expected the header 'date,type,value'", source, line_number);
      }
      header = true;
      continue;
    }
    if (fields.size() != 3) {
      return Fail("{}:{}: {} fields, expected 3 (date,type,value)", source, line_number, fields.size());
    }
    auto day = ParseDate(Trim(fields[0]));
    if (!day.ok()) return Fail("{}:{}: column 'date': {}", source, line_number, day.error().message);
    auto type = ParseActionType(ToLower(Trim(fields[1])));
    if (!type.ok()) return Fail("{}:{}: column 'type': {}", source, line_number, type.error().message);
    auto value = ParseFiniteDouble(Trim(fields[2]));
    if (!value || !(*value > 0)) {
      return Fail("{}:{}: column 'value': must be a finite positive number", source, line_number);
    }
    out.push_back({symbol, *day, *type, *value});
  }
  if (!header) return Fail("{}: empty file (expected the header 'date,type,value')", source);
  std::sort(out.begin(), out.end(), [](const CorporateAction& a, const CorporateAction& b) {
    return a.date != b.date ? a.date < b.date : a.type < b.type;
  });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].date == out[i - 1].date && out[i].type == out[i - 1].type) {
      return Fail("{}: two {} rows on {}", source, ActionTypeName(out[i].type), FormatDate(out[i].date));
    }
  }
  return out;
}

}  // namespace qat::data
