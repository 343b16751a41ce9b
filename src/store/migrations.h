// Numbered schema migrations, applied in order by OpenStore().
#pragma once

#include <span>
#include <string_view>

namespace qat::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> Migrations();

}  // namespace qat::store
