// Lines from a terminal, through libedit's own API (histedit.h) rather
// than its readline emulation: the emulation installs signal handlers that
// re-raise SIGINT to the whole process group, where a REPL wants Ctrl-C to
// drop the line being typed and carry on.
//
// So libedit gets our character reader (EL_GETCFN). It waits on stdin and
// on a self-pipe written by our signal handlers: Ctrl-C makes the read
// fail, el_gets() returns, and read() reports kInterrupted; a resize is
// passed on to el_resize(); Ctrl-Z gives the terminal back before stopping
// and takes it again (and redraws the line) when the shell resumes us.
#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstring>

#include "cli/repl/reader.hpp"

namespace writ::cli::repl {

namespace {

int g_signal_pipe[2] = {-1, -1};

extern "C" void on_signal(int sig) {
  int saved = errno;
  char c = static_cast<char>(sig);
  [[maybe_unused]] ssize_t n = ::write(g_signal_pipe[1], &c, 1);
  errno = saved;
}

class TerminalReader : public LineReader {
 public:
  TerminalReader(Completer complete, std::string history_file)
      : complete_(std::move(complete)), history_file_(std::move(history_file)) {
    std::setlocale(LC_CTYPE, "");  // libedit displays what the locale can encode
    // Keys are read from a descriptor of our own, non-blocking: a Ctrl-C can
    // flush the terminal's input after poll() said there was some, and a
    // blocking read would then wait for the next key. (Making stdin itself
    // non-blocking would change it for the shell too.)
    if (const char* name = ::ttyname(STDIN_FILENO)) tty_ = ::open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (tty_ < 0) tty_ = STDIN_FILENO;
    if (::pipe(g_signal_pipe) == 0) {
      for (int fd : g_signal_pipe) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
      }
    }
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() must wake up
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGWINCH, &sa, &old_winch_);
    sigaction(SIGTSTP, &sa, &old_tstp_);

    history_ = history_init();
    HistEvent ev;
    history(history_, &ev, H_SETSIZE, 1000);
    history(history_, &ev, H_SETUNIQUE, 1);
    if (!history_file_.empty()) history(history_, &ev, H_LOAD, history_file_.c_str());

    el_ = el_init("writ", stdin, stdout, stderr);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_SIGNAL, 0);
    el_set(el_, EL_PROMPT, &TerminalReader::prompt);
    el_set(el_, EL_HIST, history, history_);
    el_set(el_, EL_GETCFN, &TerminalReader::getc);
    // The wide form keeps our (static) strings; el_set would copy them and
    // never free the copies.
    el_wset(el_, EL_ADDFN, L"writ-complete", L"complete a name, a field, a command or a file", &TerminalReader::tab);
    el_set(el_, EL_BIND, "^I", "writ-complete", nullptr);
    el_set(el_, EL_BIND, "^R", "em-inc-search-prev", nullptr);
    el_source(el_, nullptr);  // ~/.editrc, if the user has one
  }

  ~TerminalReader() override {
    el_end(el_);  // gives the terminal its settings back
    history_end(history_);
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGWINCH, &old_winch_, nullptr);
    sigaction(SIGTSTP, &old_tstp_, nullptr);
    for (int& fd : g_signal_pipe) {
      if (fd >= 0) ::close(fd);
      fd = -1;
    }
    if (tty_ != STDIN_FILENO) ::close(tty_);
  }

  Status read(const std::string& prompt, std::string* line) override {
    prompt_ = prompt;
    interrupted_ = false;
    drain_signals();  // a Ctrl-C pressed while the last entry ran is not for this line
    int count = 0;
    const char* text = el_gets(el_, &count);
    if (interrupted_) {
      std::fputs("\n", stdout);
      std::fflush(stdout);
      return Status::kInterrupted;
    }
    if (text == nullptr || count <= 0) return Status::kEnd;
    line->assign(text, static_cast<size_t>(count));
    while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
    return Status::kLine;
  }

  void remember(const std::string& line) override {
    HistEvent ev;
    history(history_, &ev, H_ENTER, line.c_str());
    // Saved at once: a REPL killed with its terminal keeps what was typed.
    if (!history_file_.empty()) history(history_, &ev, H_SAVE, history_file_.c_str());
  }

 private:
  static TerminalReader* self(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<TerminalReader*>(data);
  }

  static char* prompt(EditLine* el) { return self(el)->prompt_.data(); }

  // Returns true if a SIGINT was among the pending signals.
  bool drain_signals() {
    bool interrupt = false;
    char sig;
    while (g_signal_pipe[0] >= 0 && ::read(g_signal_pipe[0], &sig, 1) == 1) {
      if (sig == SIGINT) interrupt = true;
      else if (sig == SIGWINCH) el_resize(el_);
      else if (sig == SIGTSTP) suspend();
    }
    return interrupt;
  }

  // Ctrl-Z: stop with the terminal as the shell expects it; once resumed
  // (the shell may have changed the terminal meanwhile), edit again.
  void suspend() {
    el_set(el_, EL_PREP_TERM, 0);
    ::kill(::getpid(), SIGSTOP);
    el_set(el_, EL_PREP_TERM, 1);
    el_set(el_, EL_REFRESH);
  }

  // One character for libedit: 1 with *wc set, 0 at the end of input, -1
  // on an error or an interrupt.
  static int getc(EditLine* el, wchar_t* wc) {
    TerminalReader* r = self(el);
    for (;;) {
      pollfd fds[2] = {{r->tty_, POLLIN, 0}, {g_signal_pipe[0], POLLIN, 0}};
      int n = ::poll(fds, g_signal_pipe[0] >= 0 ? 2 : 1, -1);
      if (n < 0) {
        if (errno == EINTR) continue;
        return -1;
      }
      if (fds[1].revents & POLLIN) {
        if (r->drain_signals()) {
          r->interrupted_ = true;
          errno = EINTR;
          return -1;
        }
        continue;
      }
      if (fds[0].revents == 0) continue;
      unsigned char c;
      int got = r->read_byte(&c, false);
      if (got == 0) continue;  // gone: Ctrl-C flushed the terminal's input between poll and read
      if (got < 0) return errno == EIO ? 0 : -1;  // EIO: the terminal hung up
      if (got == 2) return 0;
      *wc = r->utf8(c);
      return 1;
    }
  }

  // One byte from the terminal: 1, 0 if there is none (after a short wait
  // when `wait`), 2 at the end of input, -1 on an error.
  int read_byte(unsigned char* c, bool wait) {
    for (;;) {
      ssize_t got = ::read(tty_, c, 1);
      if (got == 1) return 1;
      if (got == 0) return 2;
      if (errno == EINTR) continue;
      if (errno != EAGAIN) return -1;
      if (!wait) return 0;
      pollfd p{tty_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) return 0;
      wait = false;
    }
  }

  // The rest of a UTF-8 sequence starting with `c` (its bytes arrive together).
  wchar_t utf8(unsigned char c) {
    if (c < 0x80) return c;
    int more = (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (more < 0) return L'?';
    uint32_t cp = c & (0x3f >> more);
    for (int i = 0; i < more; ++i) {
      unsigned char next;
      if (read_byte(&next, true) != 1 || (next & 0xc0) != 0x80) return L'?';
      cp = (cp << 6) | (next & 0x3f);
    }
    return static_cast<wchar_t>(cp);
  }

  static unsigned char tab(EditLine* el, int) {
    TerminalReader* r = self(el);
    const LineInfo* li = el_line(el);
    std::string before(li->buffer, static_cast<size_t>(li->cursor - li->buffer));
    Completion c = r->complete_(before);
    std::string word = before.substr(std::min(c.start, before.size()));
    if (c.candidates.empty()) return CC_REFRESH_BEEP;
    if (c.candidates.size() == 1) {
      std::string rest = c.candidates[0].word.substr(word.size()) + c.candidates[0].suffix;
      if (!rest.empty()) el_insertstr(el, rest.c_str());
      return CC_REFRESH;
    }
    std::string common = common_prefix(c.candidates);
    if (common.size() > word.size()) {
      el_insertstr(el, common.substr(word.size()).c_str());
      return CC_REFRESH;
    }
    r->list(c);
    return CC_REDISPLAY;
  }

  // The candidates in columns under the line, as readline lists them.
  void list(const Completion& c) {
    size_t width = 80;
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) width = ws.ws_col;
    size_t longest = 0;
    for (const Candidate& x : c.candidates) longest = std::max(longest, x.word.size());
    size_t col = longest + 2;
    size_t per_line = std::max<size_t>(1, width / col);
    std::string out = "\n";
    for (size_t i = 0; i < c.candidates.size(); ++i) {
      const std::string& w = c.candidates[i].word;
      bool last = (i + 1) % per_line == 0 || i + 1 == c.candidates.size();
      out += w;
      out += last ? std::string("\n") : std::string(col - w.size(), ' ');
    }
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
  }

  Completer complete_;
  std::string history_file_;
  std::string prompt_;
  bool interrupted_ = false;
  int tty_ = -1;  // the terminal, opened again, non-blocking
  EditLine* el_ = nullptr;
  History* history_ = nullptr;
  struct sigaction old_int_ {};
  struct sigaction old_winch_ {};
  struct sigaction old_tstp_ {};
};

}  // namespace

std::unique_ptr<LineReader> make_terminal_reader(Completer complete, const std::string& history_file) {
  return std::make_unique<TerminalReader>(std::move(complete), history_file);
}

}  // namespace writ::cli::repl
