// `writ repl`, driven from outside as a user or a script would: through a
// pipe (a scripted session with golden output, and the session recorded in
// docs/repl.md) and through a pseudo-terminal (completion, multi-line
// input, Ctrl-C, Ctrl-D, history, colours).
//
// Every wait has a deadline and every child is killed and reaped if it
// overstays, so a broken REPL fails these tests instead of hanging CTest.
// HOME points at a temporary folder: the history file is written there.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/writ_test.hpp"

using namespace writ::testing;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kDeadline = 30s;  // for one run; the REPL answers in milliseconds

struct TempHome {
  std::string path;
  TempHome() {
    char t[] = "/tmp/writ-repl-home-XXXXXX";
    path = ::mkdtemp(t);
  }
  ~TempHome() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

}  // namespace

// Bytes as C escapes, for failure messages.
std::string testing_escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') out += static_cast<char>(c);
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

namespace {

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

struct Piped {
  int exit_code = -1;
  bool timed_out = false;
  std::string out, err;
};

// `writ repl ARGS` with stdin, stdout and stderr as pipes, run in the
// source folder.
Piped run_piped(const std::vector<std::string>& args, const std::string& input) {
  ::signal(SIGPIPE, SIG_IGN);  // a REPL that exits early must not kill the test
  TempHome home;
  int in[2], out[2], err[2];
  REQUIRE(::pipe(in) == 0);
  REQUIRE(::pipe(out) == 0);
  REQUIRE(::pipe(err) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    ::setenv("HOME", home.path.c_str(), 1);
    ::setenv("NO_COLOR", "1", 1);
    if (::chdir(WRIT_SOURCE_DIR) != 0) ::_exit(127);
    std::vector<std::string> all = {WRIT_BINARY, "repl"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv = argv_of(all);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  ::fcntl(in[1], F_SETFL, O_NONBLOCK);
  Piped r;
  size_t written = 0;
  int to_child = in[1];
  if (input.empty()) {
    ::close(to_child);
    to_child = -1;
  }
  int from[2] = {out[0], err[0]};
  std::string* sink[2] = {&r.out, &r.err};
  auto deadline = Clock::now() + kDeadline;
  while (from[0] >= 0 || from[1] >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    int which[3];
    for (int k = 0; k < 2; ++k)
      if (from[k] >= 0) {
        fds[n] = {from[k], POLLIN, 0};
        which[n++] = k;
      }
    if (to_child >= 0) {
      fds[n] = {to_child, POLLOUT, 0};
      which[n++] = 2;
    }
    int ms = remaining_ms(deadline);
    if (ms == 0 || ::poll(fds, n, ms) < 0) {
      r.timed_out = true;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (which[i] == 2) {
        ssize_t w = ::write(to_child, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 || written == input.size()) {
          ::close(to_child);
          to_child = -1;
        }
        continue;
      }
      char buf[4096];
      ssize_t got = ::read(from[which[i]], buf, sizeof buf);
      if (got <= 0) {
        ::close(from[which[i]]);
        from[which[i]] = -1;
      } else {
        sink[which[i]]->append(buf, static_cast<size_t>(got));
      }
    }
  }
  if (to_child >= 0) ::close(to_child);
  for (int fd : from)
    if (fd >= 0) ::close(fd);
  if (r.timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// What a terminal shows, roughly: the bytes the REPL wrote, without escape
// sequences, carriage returns and bells.
std::string screen_text(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\033') {
      if (i + 1 < raw.size() && raw[i + 1] == '[') {
        i += 2;
        while (i < raw.size() && !(raw[i] >= 0x40 && raw[i] <= 0x7e)) ++i;
      } else {
        ++i;
      }
      continue;
    }
    if (c == '\r' || c == '\a') continue;
    out += c;
  }
  return out;
}

// `writ repl` on a pseudo-terminal, 100 columns wide.
class Terminal {
 public:
  explicit Terminal(const std::string& home, std::vector<std::string> args = {}, bool color = false) {
    winsize ws{};
    ws.ws_row = 30;
    ws.ws_col = 100;
    pid_ = ::forkpty(&fd_, nullptr, nullptr, &ws);
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::setenv("HOME", home.c_str(), 1);
      ::setenv("TERM", "xterm", 1);
      if (color) ::unsetenv("NO_COLOR");
      else ::setenv("NO_COLOR", "1", 1);
      if (::chdir(WRIT_SOURCE_DIR) != 0) ::_exit(127);
      std::vector<std::string> all = {WRIT_BINARY, "repl"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv = argv_of(all);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }

  ~Terminal() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) ::close(fd_);
  }

  void send(std::string_view keys) {
    while (!keys.empty()) {
      ssize_t w = ::write(fd_, keys.data(), keys.size());
      if (w <= 0) return;
      keys.remove_prefix(static_cast<size_t>(w));
    }
  }

  // Waits until `text` appears on the screen after what earlier expects
  // consumed; false after the deadline.
  bool expect(const std::string& text, std::chrono::milliseconds timeout = 15s) {
    auto deadline = Clock::now() + timeout;
    for (;;) {
      std::string screen = screen_text(raw_);
      size_t at = screen.find(text, mark_);
      if (at != std::string::npos) {
        mark_ = at + text.size();
        return true;
      }
      if (!read_some(deadline)) {
        UNSCOPED_INFO("waited for: " << text << "\nthe screen, up to the mark:\n" << screen.substr(0, std::min(mark_, screen.size()))
                                     << "\n-- and after it:\n" << screen.substr(std::min(mark_, screen.size()))
                                     << "\n-- the last bytes: " << ::testing_escape(raw_.substr(raw_.size() > 200 ? raw_.size() - 200 : 0)));
        return false;
      }
    }
  }

  // Waits for `prompt`, then until the REPL edits the line (libedit has
  // taken the terminal out of canonical mode): keys sent earlier would meet
  // the kernel's line discipline, which keeps Ctrl-D as an end of file.
  bool expect_prompt(const std::string& prompt = "writ> ", std::chrono::milliseconds timeout = 15s) {
    return expect(prompt, timeout) && wait_editing(timeout);
  }

  // Waits until the REPL has stopped itself (Ctrl-Z); false after the deadline.
  bool wait_stopped(std::chrono::milliseconds timeout = 15s) {
    auto deadline = Clock::now() + timeout;
    for (;;) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG | WUNTRACED) == pid_ && WIFSTOPPED(status)) return true;
      if (Clock::now() >= deadline) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 2) > 0) read_some(deadline);
    }
  }

  // What a shell does around a stopped job: the terminal in canonical mode
  // again, then SIGCONT.
  void resume() {
    termios tio{};
    ::tcgetattr(fd_, &tio);
    tio.c_lflag |= ICANON | ECHO;
    ::tcsetattr(fd_, TCSANOW, &tio);
    ::kill(pid_, SIGCONT);
  }

  bool canonical() {
    termios tio{};
    return ::tcgetattr(fd_, &tio) == 0 && (tio.c_lflag & ICANON) != 0;
  }

  // Waits until the REPL edits the line again.
  bool wait_editing(std::chrono::milliseconds timeout = 15s) {
    auto deadline = Clock::now() + timeout;
    while (canonical()) {
      if (Clock::now() >= deadline) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 2) > 0) read_some(deadline);
    }
    return true;
  }

  // Waits for the REPL to exit; its exit code, or -1 after the deadline.
  int wait_exit(std::chrono::milliseconds timeout = 15s) {
    auto deadline = Clock::now() + timeout;
    for (;;) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      if (Clock::now() >= deadline) return -1;
      if (!read_some(deadline)) {
        pollfd none{};
        ::poll(&none, 0, 10);  // the pty is closed: the child is on its way out
      }
    }
  }

  std::string screen() const { return screen_text(raw_); }
  const std::string& raw() const { return raw_; }

 private:
  bool read_some(Clock::time_point deadline) {
    pollfd p{fd_, POLLIN, 0};
    int ms = remaining_ms(deadline);
    if (ms == 0 || ::poll(&p, 1, ms) <= 0) return false;
    char buf[4096];
    ssize_t got = ::read(fd_, buf, sizeof buf);
    if (got <= 0) return false;  // EIO: the child closed the terminal
    raw_.append(buf, static_cast<size_t>(got));
    return true;
  }

  pid_t pid_ = -1;
  int fd_ = -1;
  bool exited_ = false;
  std::string raw_;
  size_t mark_ = 0;
};

}  // namespace

// ---------------------------------------------------------------- through a pipe

// After an intended change of output: WRIT_UPDATE_GOLDEN=1 cli_tests "repl: a scripted*"
// rewrites session.out; review its diff.
TEST_CASE("repl: a scripted session through a pipe matches its golden output") {
  std::string script = read_file(source_path("tests/cli/repl/session.in"));
  std::string golden = read_file(source_path("tests/cli/repl/session.out"));
  REQUIRE(!script.empty());
  Piped r = run_piped({}, script);
  REQUIRE_FALSE(r.timed_out);
  if (std::getenv("WRIT_UPDATE_GOLDEN") != nullptr) std::ofstream(source_path("tests/cli/repl/session.out")) << r.out;
  CHECK(r.out == golden);
  CHECK(r.err.empty());
  CHECK(r.exit_code == 2);  // the script has errors on purpose: a piped REPL says so in its exit code
}

TEST_CASE("repl: piped, no prompts and no colours, exit code 0 when every entry worked") {
  Piped r = run_piped({}, "1 + 2\n\"a\" + \"b\"\n");
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.out == "3\n\"ab\"\n");
  CHECK(r.exit_code == 0);
}

TEST_CASE("repl: -p, --param and --input do what :load, :param and :input do") {
  Piped r = run_piped({"-p", "examples/policies/pods.writ", "--param", "allowed_caps=[NET_ADMIN]", "--input",
                       "examples/manifests/web-deployment.yaml"},
                      ":param\n:rules\n");
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.out ==
        "loaded example.pods from examples/policies/pods.writ: 2 rules, functions as pods.NAME\n"
        "example.pods.allowed_caps = [\"NET_ADMIN\"]\n"
        "object: Deployment default/web (examples/manifests/web-deployment.yaml:4)\n"
        "example.pods.allowed_caps = [\"NET_ADMIN\"]\n"
        "examples/manifests/web-deployment.yaml:4  Deployment default/web\n"
        "  DENY   example.pods/host_namespaces  spec.template.spec.hostNetwork\n"
        "         hostNetwork must not be true\n"
        "  DENY   example.pods/capabilities     spec.template.spec.containers[0].securityContext.capabilities.add[1]\n"
        "         container web must not add capability SYS_TIME\n"
        "  WARN   example.pods/capabilities     spec.template.spec.containers[0]\n"
        "         container web should drop ALL capabilities\n"
        "\n"
        "1 resource checked, 0 passed; 3 violations (2 deny, 1 warn, 0 audit), 0 errors\n");
  CHECK(r.exit_code == 0);
}

// The instructions themselves belong to the compiler's tests: here, that
// :bytecode finds what it is asked for.
TEST_CASE("repl: :bytecode disassembles an expression, a rule or a function") {
  Piped r = run_piped({"-p", "examples/policies/pods.writ"},
                      ":bytecode [c.name for c in k8s.containers(object)]\n"
                      "fn image_of(c) = c.image\n:bytecode image_of\n:bytecode pods.sc\n"
                      ":bytecode host_namespaces\n:bytecode 1 +\n");
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.out.find("\nfn <expr> (params 0,") != std::string::npos);
  CHECK(r.out.find(" k8s.containers/1\n") != std::string::npos);
  CHECK(r.out.find("fn repl.image_of (params 1,") != std::string::npos);
  CHECK(r.out.find("GetField") != std::string::npos);
  CHECK(r.out.find("fn example.pods.sc (params 1,") != std::string::npos);
  CHECK(r.out.find("fn example.pods.host_namespaces (params 0,") != std::string::npos);
  CHECK(r.out.find("error: unexpected end of file, expected an expression\n  :bytecode 1 +\n") != std::string::npos);
  CHECK(r.exit_code == 2);
}

TEST_CASE("repl: the session recorded in docs/repl.md replays as shown") {
  // Every ```repl block: lines after `writ> ` or `  ... ` are typed, the
  // others are what the REPL prints. Blocks are independent sessions.
  std::string doc = read_file(source_path("docs/repl.md"));
  REQUIRE(!doc.empty());
  size_t blocks = 0;
  for (size_t at = doc.find("```repl\n"); at != std::string::npos; at = doc.find("```repl\n", at)) {
    size_t body = at + 8;
    size_t end = doc.find("```\n", body);
    REQUIRE(end != std::string::npos);
    std::string typed, shown;
    std::istringstream lines(doc.substr(body, end - body));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("writ> ", 0) == 0 || line.rfind("  ... ", 0) == 0) typed += line.substr(6) + "\n";
      else if (line == "writ>") typed += "\n";
      else shown += line + "\n";
    }
    ++blocks;
    INFO("block " << blocks << " of docs/repl.md:\n" << typed);
    Piped r = run_piped({}, typed);
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.out == shown);
    at = end;
  }
  CHECK(blocks >= 2);
}

// ---------------------------------------------------------------- on a terminal

TEST_CASE("repl terminal: tab completes field paths of the input, built-ins, modules and commands") {
  TempHome home;
  Terminal t(home.path, {"--input", "examples/manifests/web-deployment.yaml"});
  REQUIRE(t.expect_prompt());
  // A unique field is completed in place, with a dot when it holds a map.
  t.send("object.spec.templ\t");
  REQUIRE(t.expect("object.spec.template."));
  t.send("spec.cont\t");
  REQUIRE(t.expect("containers"));
  t.send("[0].na\t\r");
  REQUIRE(t.expect("\"web\"\n"));
  REQUIRE(t.expect_prompt());
  // Several fields: listed under the line, which stays as typed.
  t.send("object.\t");
  REQUIRE(t.expect("apiVersion  kind        metadata    spec\n"));
  t.send("kind\r");
  REQUIRE(t.expect("\"Deployment\"\n"));
  // A built-in module's function gets its parenthesis.
  REQUIRE(t.expect_prompt());
  t.send("k8s.cont\t");
  REQUIRE(t.expect("k8s.containers("));
  t.send("object)[1].name\r");
  REQUIRE(t.expect("\"side\"\n"));
  // A global built-in, and a command.
  REQUIRE(t.expect_prompt());
  t.send("starts_w\t");
  REQUIRE(t.expect("starts_with("));
  t.send("\"abc\", \"a\")\r");
  REQUIRE(t.expect("true\n"));
  REQUIRE(t.expect_prompt());
  t.send(":expl\t");
  REQUIRE(t.expect(":explain "));
  t.send("\x15");  // Ctrl-U: drop the line
  t.send(":inp\texamples/manifests/api-p\t\r");
  REQUIRE(t.expect("object: Pod shop/api (examples/manifests/api-pod.yaml:2)"));
  // Names declared in the session complete too.
  REQUIRE(t.expect_prompt());
  t.send("fn image_of(c) = c.image\r");
  REQUIRE(t.expect_prompt());
  t.send("image_\t");
  REQUIRE(t.expect("image_of("));
  t.send("object.spec.containers[0])\r");
  REQUIRE(t.expect("\"registry.example.com/shop/api:2.3.1\"\n"));
  REQUIRE(t.expect_prompt());
  t.send(":quit\r");
  CHECK(t.wait_exit() == 0);
}

TEST_CASE("repl terminal: input continues while a bracket or a block is open") {
  TempHome home;
  Terminal t(home.path);
  REQUIRE(t.expect_prompt());
  t.send("[1,\r");
  REQUIRE(t.expect_prompt("  ... "));
  t.send("2]\r");
  REQUIRE(t.expect("[1, 2]\n"));
  REQUIRE(t.expect_prompt());
  t.send("fn f(x) {\r");
  REQUIRE(t.expect_prompt("  ... "));
  t.send("  let y = \"{x}}\"\r");  // braces inside a string do not count
  REQUIRE(t.expect_prompt("  ... "));
  t.send("  return y + \"!\"\r");
  REQUIRE(t.expect_prompt("  ... "));
  t.send("}\r");
  REQUIRE(t.expect_prompt());
  t.send("f(41)\r");
  REQUIRE(t.expect("\"41}!\"\n"));
  REQUIRE(t.expect_prompt());
  t.send("\x04");  // Ctrl-D on an empty line leaves
  CHECK(t.wait_exit() == 0);
}

TEST_CASE("repl terminal: Ctrl-C drops the entry being typed, Ctrl-D leaves, the history is kept in HOME") {
  TempHome home;
  {
    Terminal t(home.path);
    REQUIRE(t.expect_prompt());
    t.send("[1, 2,\r");
    REQUIRE(t.expect_prompt("  ... "));
    t.send("3");
    t.send("\x03");  // Ctrl-C: the terminal sends SIGINT
    REQUIRE(t.expect_prompt());
    t.send("40 + 2\r");
    REQUIRE(t.expect("42\n"));
    REQUIRE(t.expect_prompt());
    t.send("len(\"abc\")");
    t.send("\x03");  // on the first line too
    REQUIRE(t.expect_prompt());
    t.send("\x04");
    CHECK(t.wait_exit() == 0);
    CHECK(t.screen().find("error") == std::string::npos);
  }
  // libedit keeps lines in vis(3) form: a space is \040.
  std::string history = read_file(home.path + "/.writ_history");
  for (size_t at; (at = history.find("\\040")) != std::string::npos;) history.replace(at, 4, " ");
  CHECK(history.find("40 + 2") != std::string::npos);
  // Another session finds it: Up recalls the last line.
  Terminal t(home.path);
  REQUIRE(t.expect_prompt());
  t.send("\033[A\r");
  REQUIRE(t.expect("42\n"));
  REQUIRE(t.expect_prompt());
  t.send(":q\r");
  CHECK(t.wait_exit() == 0);
}

TEST_CASE("repl terminal: Ctrl-Z gives the terminal back, and the line is edited again after fg") {
  TempHome home;
  Terminal t(home.path);
  REQUIRE(t.expect_prompt());
  t.send("1 +");
  REQUIRE(t.expect("1 +"));
  t.send("\x1a");
  REQUIRE(t.wait_stopped());
  CHECK(t.canonical());  // as the shell expects it
  t.resume();
  REQUIRE(t.wait_editing());
  REQUIRE(t.expect("writ> 1 +"));  // the line, drawn again
  t.send(" 1\r");
  REQUIRE(t.expect("2\n"));
  REQUIRE(t.expect_prompt());
  t.send("\x04");
  CHECK(t.wait_exit() == 0);
}

TEST_CASE("repl terminal: errors show a caret under the line and the REPL goes on") {
  TempHome home;
  Terminal t(home.path);
  REQUIRE(t.expect_prompt());
  t.send("1 + \"a\"\r");
  REQUIRE(t.expect("error: cannot apply '+' to an int and a string\n"
                   "  1 + \"a\"\n"
                   "    ^\n"));
  REQUIRE(t.expect_prompt());
  t.send("6 * 7\r");
  REQUIRE(t.expect("42\n"));
  REQUIRE(t.expect_prompt());
  t.send("\x04");
  CHECK(t.wait_exit() == 0);
}

TEST_CASE("repl terminal: values are coloured unless NO_COLOR is set") {
  TempHome home;
  {
    Terminal t(home.path, {}, /*color=*/true);
    REQUIRE(t.expect_prompt());
    t.send("{a: \"x\"}\r");
    REQUIRE(t.expect_prompt());
    CHECK(t.raw().find("\033[34;1m\"a\"\033[0m: \033[32m\"x\"\033[0m") != std::string::npos);
    t.send("\x04");
    CHECK(t.wait_exit() == 0);
  }
  Terminal t(home.path);
  REQUIRE(t.expect_prompt());
  t.send("{a: \"x\"}\r");
  REQUIRE(t.expect("{\"a\": \"x\"}\n"));
  CHECK(t.raw().find("\033[32m") == std::string::npos);
  REQUIRE(t.expect_prompt());
  t.send("\x04");
  CHECK(t.wait_exit() == 0);
}
