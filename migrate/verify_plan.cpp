#include "migrate/verify_plan.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

namespace switchyard::migrate {

std::optional<key_span> chunk_planner::add(const key_value& key) {
  if (++seen_ % rows_ != 0) return std::nullopt;
  key_span closed{std::move(lower_), key};
  lower_ = key;
  return closed;
}

key_span chunk_planner::finish() { return key_span{std::move(lower_), std::nullopt}; }

std::vector<span_part> split_span(const key_span& span, const std::vector<key_value>& keys, std::size_t parts) {
  const std::size_t n = keys.size();
  parts = std::max<std::size_t>(2, std::min(parts, n));
  std::vector<span_part> out;
  std::optional<key_value> lower = span.lower;
  std::size_t first = 0;
  for (std::size_t i = 1; i < parts; ++i) {
    const std::size_t last = i * n / parts;  // the part's keys are [first, last); its upper bound keys[last - 1]
    if (last <= first) continue;
    out.push_back({{lower, keys[last - 1]}, first, last});
    lower = keys[last - 1];
    first = last;
  }
  out.push_back({{std::move(lower), span.upper}, first, n});
  return out;
}

void key_sampler::add(const key_value& key) {
  ++seen_;
  if (keys_.size() < size_) {
    keys_.push_back(key);
    return;
  }
  if (size_ == 0) return;
  const std::uint64_t pick = std::uniform_int_distribution<std::uint64_t>(0, seen_ - 1)(rng_);
  if (pick < size_) keys_[pick] = key;
}

const char* to_string(row_difference::kind k) noexcept {
  switch (k) {
    case row_difference::kind::missing_on_postgresql: return "missing on PostgreSQL";
    case row_difference::kind::extra_on_postgresql: return "extra on PostgreSQL";
    case row_difference::kind::values_differ: return "values differ";
  }
  return "?";
}

bool same_json(std::string_view a, std::string_view b) {
  const auto parse = [](std::string_view r, boost::json::value& out) {
    const auto colon = r.find(':');
    if (colon == std::string_view::npos) return false;
    boost::system::error_code ec;
    out = boost::json::parse(r.substr(colon + 1), ec);
    return !ec;
  };
  boost::json::value x, y;
  return parse(a, x) && parse(b, y) && x == y;
}

std::vector<row_difference> diff_rows(const std::vector<rendered_row>& mysql, const std::vector<rendered_row>& postgresql,
                                      const std::vector<std::size_t>& key_columns,
                                      const std::vector<std::string>& column_names,
                                      const std::vector<sql::type_category>& categories) {
  const auto equal = [&](std::size_t i, const std::optional<std::string>& a, const std::optional<std::string>& b) {
    if (a == b) return true;
    return a && b && i < categories.size() && categories[i] == sql::type_category::json && same_json(*a, *b);
  };
  using rendered_key = std::vector<std::optional<std::string>>;
  const auto key_of = [&](const rendered_row& r) {
    rendered_key k;
    for (const std::size_t i : key_columns) k.push_back(i < r.values.size() ? r.values[i] : std::nullopt);
    return k;
  };
  std::map<rendered_key, const rendered_row*> pg;
  for (const auto& r : postgresql) pg.emplace(key_of(r), &r);
  std::vector<row_difference> out;
  for (const auto& m : mysql) {
    const auto it = pg.find(key_of(m));
    if (it == pg.end()) {
      out.push_back({row_difference::kind::missing_on_postgresql, m.key, {}, m, std::nullopt});
      continue;
    }
    const rendered_row& p = *it->second;
    row_difference d{row_difference::kind::values_differ, m.key, {}, m, p};
    for (std::size_t i = 0; i < m.values.size(); ++i)
      if (i >= p.values.size() || !equal(i, m.values[i], p.values[i]))
        d.columns.push_back(i < column_names.size() ? column_names[i] : std::to_string(i));
    pg.erase(it);
    if (!d.columns.empty()) out.push_back(std::move(d));
  }
  for (const auto& r : postgresql)
    if (pg.count(key_of(r)) != 0) out.push_back({row_difference::kind::extra_on_postgresql, r.key, {}, std::nullopt, r});
  return out;
}

std::vector<key_column> verify_key(const sql::table_info& table) {
  for (const auto& uk : table.unique_keys) {
    std::vector<key_column> key;
    bool usable = !uk.columns.empty();
    for (const auto& name : uk.columns) {
      const sql::column_info* c = table.find_column(name);
      if (c == nullptr || (c->nullable && uk.name != "PRIMARY")) {
        usable = false;
        break;
      }
      key.push_back({c->name, c->category});
    }
    if (usable) return key;
  }
  return {};
}

}  // namespace switchyard::migrate
