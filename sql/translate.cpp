// Placeholder until the parser and emitter land: every statement is unsupported.
#include "sql/translate.hpp"

namespace switchyard::sql {

translate_result translate(std::string_view, const translate_options&) {
  return translate_result::failure("translator", 0);
}

}  // namespace switchyard::sql
