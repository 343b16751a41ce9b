#include "qat/data/price_basis.h"

namespace qat::data {

std::string_view PriceBasisName(PriceBasis basis) {
  switch (basis) {
    case PriceBasis::kRaw: return "raw";
    case PriceBasis::kSplit: return "split";
    case PriceBasis::kSplitDividend: return "split-dividend";
  }
  return "?";
}

Result<PriceBasis> ParsePriceBasis(std::string_view text) {
  for (PriceBasis b : {PriceBasis::kRaw, PriceBasis::kSplit, PriceBasis::kSplitDividend}) {
    if (text == PriceBasisName(b)) return b;
  }
  return Fail("unknown price basis '{}' (expected raw, split or split-dividend)", text);
}

}  // namespace qat::data
