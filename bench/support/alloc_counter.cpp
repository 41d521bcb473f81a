// Global operator new/delete that count, then defer to malloc/free. Every
// form of operator new funnels into count_and_allocate (the array, nothrow
// and aligned ones too), so nothing escapes the count.
#include "support/alloc_counter.hpp"

#include <dlfcn.h>
#include <execinfo.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <vector>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

std::atomic<uint64_t> g_calls{0};
std::atomic<uint64_t> g_bytes{0};

// Tracing: fixed storage, so recording a stack never allocates.
constexpr int kMaxStacks = 256, kMaxFrames = 24;
void* g_stacks[kMaxStacks][kMaxFrames];
int g_depth[kMaxStacks];
std::atomic<int> g_recorded{0};
std::atomic<int> g_trace_limit{0};
thread_local bool t_in_trace = false;

void record_stack() {
  if (t_in_trace) return;
  int slot = g_recorded.load(std::memory_order_relaxed);
  if (slot >= g_trace_limit.load(std::memory_order_relaxed)) return;
  t_in_trace = true;
  g_depth[slot] = backtrace(g_stacks[slot], kMaxFrames);
  g_recorded.store(slot + 1, std::memory_order_relaxed);
  t_in_trace = false;
}

void* count_and_allocate(std::size_t size, std::size_t align, bool nothrow) {
  g_calls.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(size, std::memory_order_relaxed);
  if (g_trace_limit.load(std::memory_order_relaxed) > 0) record_stack();
  if (size == 0) size = 1;
  void* p = align > alignof(std::max_align_t) ? std::aligned_alloc(align, (size + align - 1) / align * align)
                                              : std::malloc(size);
  if (p == nullptr && !nothrow) throw std::bad_alloc();
  return p;
}

}  // namespace

namespace writ::bench {

AllocCount allocations() {
  return AllocCount{g_calls.load(std::memory_order_relaxed), g_bytes.load(std::memory_order_relaxed)};
}

void start_alloc_trace(int max_stacks) {
  void* warm[2];
  backtrace(warm, 2);  // the first call loads libgcc's unwinder (and allocates)
  g_recorded = 0;
  g_trace_limit = std::min(max_stacks, kMaxStacks);
}

void stop_alloc_trace() { g_trace_limit = 0; }

// "fn at file:line" for a code address, through addr2line on the object
// file that contains it.
static std::string symbolize(void* addr) {
  Dl_info info;
  if (dladdr(addr, &info) == 0 || info.dli_fname == nullptr) return "?";
  // Return addresses point after the call; step back into it.
  auto offset = reinterpret_cast<uintptr_t>(addr) - reinterpret_cast<uintptr_t>(info.dli_fbase) - 1;
  char cmd[1024];
  std::snprintf(cmd, sizeof cmd, "addr2line -C -f -i -p -e '%s' 0x%lx 2>/dev/null", info.dli_fname,
                static_cast<unsigned long>(offset));
  std::string out;
  if (FILE* f = popen(cmd, "r")) {
    // One line per inlined level, innermost first: "fn at dir/file.cpp:12".
    char buf[2048];
    while (std::fgets(buf, sizeof buf, f)) {
      std::string line = buf;
      while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
      if (line.rfind(" (inlined by) ", 0) == 0) line = line.substr(14);
      size_t at = line.find(" at ");
      if (at != std::string::npos) {
        // The function without its parameter list, and the file's last two path components.
        std::string fn = line.substr(0, at);
        if (!fn.empty() && fn.back() == ')') {  // drop the parameter list: the last balanced (...)
          int depth = 0;
          for (size_t i = fn.size(); i-- > 0;) {
            depth += fn[i] == ')' ? 1 : fn[i] == '(' ? -1 : 0;
            if (depth == 0) {
              fn.resize(i);
              break;
            }
          }
        }
        std::string file = line.substr(at + 4);
        size_t slash = file.rfind('/');
        if (slash != std::string::npos && slash > 0) {
          size_t prev = file.rfind('/', slash - 1);
          file = file.substr(prev == std::string::npos ? 0 : prev + 1);
        }
        line = fn + " (" + file + ")";
      }
      out += (out.empty() ? "" : "  <-  ") + line;
    }
    pclose(f);
  }
  if (out.empty() || out[0] == '?') out = info.dli_sname ? info.dli_sname : "?";
  return out;
}

std::string alloc_trace_report(int frames_per_stack) {
  std::map<std::vector<void*>, int> stacks;
  int n = g_recorded.load();
  for (int i = 0; i < n; ++i) {
    // Frame 0 is record_stack, then count_and_allocate, then operator new.
    std::vector<void*> key(g_stacks[i] + std::min(3, g_depth[i]),
                           g_stacks[i] + std::min(g_depth[i], 3 + frames_per_stack));
    ++stacks[key];
  }
  std::vector<std::pair<int, std::vector<void*>>> sorted;
  for (auto& [k, count] : stacks) sorted.emplace_back(count, k);
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (const auto& [count, frames] : sorted) {
    out += std::to_string(count) + " of " + std::to_string(n) + " allocations:\n";
    for (void* f : frames) out += "    " + symbolize(f) + "\n";
  }
  return out;
}

}  // namespace writ::bench

void* operator new(std::size_t n) { return count_and_allocate(n, 0, false); }
void* operator new[](std::size_t n) { return count_and_allocate(n, 0, false); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return count_and_allocate(n, 0, true); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return count_and_allocate(n, 0, true); }
void* operator new(std::size_t n, std::align_val_t a) { return count_and_allocate(n, static_cast<std::size_t>(a), false); }
void* operator new[](std::size_t n, std::align_val_t a) { return count_and_allocate(n, static_cast<std::size_t>(a), false); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return count_and_allocate(n, static_cast<std::size_t>(a), true);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return count_and_allocate(n, static_cast<std::size_t>(a), true);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
