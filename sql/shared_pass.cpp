#include "sql/shared_pass.hpp"

namespace switchyard::sql {

statement_analysis analyze(std::string_view text, sql_mode mode, token_buffer& tokens, std::string& digest_text) {
  tokenize(text, mode, tokens);
  const digest_result d = digest_into(tokens, digest_text);
  return statement_analysis{d, classify(tokens)};
}

}  // namespace switchyard::sql
