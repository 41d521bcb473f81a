#include "stdlib/packs.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace writ {

bool find_stdlib_pack(std::string_view name, std::string* text) {
  if (name.find("..") != std::string_view::npos) return false;
  if (const char* dir = std::getenv("WRIT_STDLIB"); dir != nullptr && *dir != '\0') {
    std::ifstream in(std::string(dir) + "/" + std::string(name) + ".writ", std::ios::binary);
    if (in) {
      std::ostringstream s;
      s << in.rdbuf();
      *text = s.str();
      return true;
    }
  }
  return find_embedded_pack(name, text);
}

bool find_embedded_pack(std::string_view name, std::string* text) {
  for (const EmbeddedPack& p : embedded_packs())
    if (name == p.name) {
      *text = p.text;
      return true;
    }
  return false;
}

}  // namespace writ
