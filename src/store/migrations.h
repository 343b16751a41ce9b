// Numbered schema migrations, applied in order by OpenStore().
#pragma once

#include <span>
#include <string_view>

#include "qat/core/result.h"
#include "qat/store/sqlite.h"

namespace qat::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
  // Run after `sql`, in the same transaction: data changes SQL cannot express. May be null.
  Status (*after)(Database& db) = nullptr;
};

std::span<const Migration> Migrations();

}  // namespace qat::store
