// The byte-level encoding of bundles (internal to runtime/bytecode):
// LEB128 varints, zigzag for signed numbers, length-prefixed strings.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace writ::bundle {

inline constexpr char kMagic[8] = {'W', 'R', 'I', 'T', 'B', 'N', 'D', 'L'};
// Bumped whenever the payload or the instruction set changes (2: Force and
// Resume, for lazy lets; 3: Len; 4: ClearFlags, NotEmpty, GetField2, GetField3 and
// KeyArg).
inline constexpr uint32_t kFormatVersion = 4;
inline constexpr size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

inline uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

class Writer {
 public:
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u64(uint64_t v) {
    do {
      uint8_t b = v & 0x7f;
      v >>= 7;
      u8(v ? (b | 0x80) : b);
    } while (v);
  }
  void i64(int64_t v) { u64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void u64raw(uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void f64(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    u64raw(bits);
  }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Header + payload.
inline std::string frame(const std::string& payload, uint32_t version = kFormatVersion) {
  Writer h;
  std::string out(kMagic, 8);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(version >> (8 * i)));
  out.append(4, '\0');
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(static_cast<uint64_t>(payload.size()) >> (8 * i)));
  uint64_t sum = fnv1a(payload);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(sum >> (8 * i)));
  return out + payload;
}

// Reads with bounds checks; any overrun sets `bad` and yields zeros, so the
// reader can check once per section instead of after every field.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool bad() const { return bad_; }
  bool at_end() const { return pos_ == in_.size(); }
  uint8_t u8() {
    if (pos_ >= in_.size()) return fail();
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint64_t u64() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = u8();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  int64_t i64() {
    uint64_t z = u64();
    return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  uint64_t u64raw() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(u8()) << (8 * i);
    return v;
  }
  double f64() {
    uint64_t bits = u64raw();
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
  }
  std::string_view str() {
    uint64_t n = u64();
    if (n > in_.size() - pos_) {
      fail();
      return {};
    }
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A count of entries that each take at least one byte: rejects absurd
  // counts before anything is allocated for them.
  uint64_t count() {
    uint64_t n = u64();
    if (n > in_.size() - pos_) fail();
    return bad_ ? 0 : n;
  }

 private:
  uint8_t fail() {
    bad_ = true;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool bad_ = false;
};

}  // namespace writ::bundle
