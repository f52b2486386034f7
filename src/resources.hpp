// Where unspin finds its data: the project's dictionaries and the data cache filled by
// tools/setup (Moby, corpora; later the thesaurus index and language model).
//
//   std::string table = dictionary_path("spinner-news.tsv");
//   std::string moby = cache_path("moby-1.1.2/package/words.txt");
//
// The built-in defaults are the source tree's dictionaries/ and the cache the build was
// configured with, and the build's data/ folder; the environment variables UNSPIN_DICTIONARIES,
// UNSPIN_CACHE and UNSPIN_DATA override them.
#pragma once

#include <string>
#include <string_view>

namespace unspin {

std::string dictionary_dir();
std::string data_dir();  // generated data: thesaurus index, language model (build/data)
std::string cache_dir();
std::string dictionary_path(std::string_view name);
std::string cache_path(std::string_view name);
std::string data_path(std::string_view name);

}  // namespace unspin
