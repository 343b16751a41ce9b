#include "qat/core/strings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace qat {

std::string_view Trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return text.substr(b, e - b);
}

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ToUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> ParseFiniteDouble(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string FormatShortest(double value) {
  std::array<char, 64> buf;
  auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), ptr);
}

std::string Format17(double value) {
  std::array<char, 64> buf;
  int n = std::snprintf(buf.data(), buf.size(), "%.17g", value);
  std::string out(buf.data(), static_cast<std::size_t>(n));
  if (out.find('.') != std::string::npos && out.find('e') == std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

namespace {

// Escaped text (quotes too when `quoted`); `cut` says whether it stopped at max_chars.
std::string Escape(std::string_view text, std::size_t max_chars, bool quoted, bool& cut) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string body;
  body.reserve(std::min(text.size(), max_chars) + 8);
  cut = false;
  for (unsigned char c : text) {
    char piece[4];
    std::size_t n = 0;
    if (c == '\\' || (quoted && c == '\'')) {
      piece[n++] = '\\';
      piece[n++] = static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      piece[n++] = '\\';
      piece[n++] = 'x';
      piece[n++] = kHex[c >> 4];
      piece[n++] = kHex[c & 0xf];
    } else {
      piece[n++] = static_cast<char>(c);
    }
    if (body.size() + n > max_chars) {
      cut = true;
      break;
    }
    body.append(piece, n);
  }
  return body;
}

}  // namespace

std::string Excerpt(std::string_view text, std::size_t max_chars) {
  bool cut = false;
  std::string body = Escape(text, max_chars, true, cut);
  if (!cut) return "'" + body + "'";
  return "'" + body + "\u2026' (" + std::to_string(text.size()) + " bytes)";
}

std::string PrintableText(std::string_view text, std::size_t max_chars) {
  bool cut = false;
  std::string body = Escape(text, max_chars, false, cut);
  if (!cut) return body;
  return body + "\u2026 (" + std::to_string(text.size()) + " bytes)";
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  const std::size_t n = a.size(), m = b.size();
  // Optimal string alignment distance; three rows suffice for the swap rule.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::optional<std::string> NearestName(std::string_view word, const std::vector<std::string>& candidates) {
  const std::size_t limit = word.size() <= 3 ? 1 : word.size() <= 6 ? 2 : 3;
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = EditDistance(word, candidate);
    if (d < best_distance && d < std::max(word.size(), candidate.size())) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace qat
