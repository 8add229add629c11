// One lexing pass shared by the digest, the classifier and the translation cache (pure tier).
//
// digest_into(text) and classify(text) each lex the text themselves; on the per-statement path
// that is one lexing too many. tokenize() (token_buffer.hpp) lexes once into a caller-owned
// token_buffer, computing on the way what the translation cache needs (the literal tokens and the
// statement's shape), and digest_into(tokens) / classify(tokens) then read the tokens instead of
// lexing again. The buffer is meant to be kept by its owner (a proxy session or worker) and
// reused: once its vectors have grown to the statement sizes seen, a pass allocates nothing.
#pragma once
#include <string>
#include <string_view>

#include "sql/classifier.hpp"
#include "sql/digest.hpp"
#include "sql/token_buffer.hpp"

namespace switchyard::sql {

// The whole per-statement pass: tokenize, then digest and classify from the tokens. Equal to
// digest_into(text, mode, digest_text) and classify(text, mode), with one lexing.
struct statement_analysis {
  digest_result digest;
  statement_facts facts;
};
[[nodiscard]] statement_analysis analyze(std::string_view text, sql_mode mode, token_buffer& tokens,
                                         std::string& digest_text);

}  // namespace switchyard::sql
