// A counting allocator: alloc_counter.cpp replaces the global operator
// new/delete of the program it is linked into (bench_alloc only, so no
// timing benchmark pays for the counting) and counts every heap allocation.
#pragma once

#include <cstdint>
#include <string>

namespace writ::bench {

struct AllocCount {
  uint64_t calls = 0;
  uint64_t bytes = 0;
};

// Allocations so far, all threads.
AllocCount allocations();

// Records the call stack of the next `max_stacks` allocations (to find
// where a steady-state allocation comes from), until stop_alloc_trace().
void start_alloc_trace(int max_stacks);
void stop_alloc_trace();
// The recorded stacks, symbolized with addr2line ("fn at file:line" per
// frame, allocator frames removed), most frequent first, with their counts.
std::string alloc_trace_report(int frames_per_stack = 8);

}  // namespace writ::bench
