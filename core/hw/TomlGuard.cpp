#include "hw/TomlGuard.h"

#include "model/ModelError.h"

namespace foldwise {
namespace {

// A lexer of just what tells strings and comments apart from the rest. For a valid document it
// finds the strings toml++ finds; for an invalid one it may see fewer (never more), so it refuses
// rather than lets toml++ read on.
class Scanner {
public:
    Scanner(std::string_view text, const std::string& file) : text_(text), file_(file) {}

    void run()
    {
        // The last character outside comments other than a space or tab: a quote starts a string
        // only where TOML has one (a key at a line's start or after '.', '{' or ','; a value
        // after '=', '[' or ','). Elsewhere it is a stray character that toml++ reads on past
        // while it looks ahead for the end of a value, so what follows is checked too.
        char last = '\n';
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '#') {
                skipComment();
                continue;
            }
            if ((c == '"' || c == '\'') && std::string_view("\n=[,{.").find(last) != std::string_view::npos)
                skipString(c);
            else if (static_cast<unsigned char>(c) >= 0x80)
                fail();
            else
                advance();
            if (c != ' ' && c != '\t' && c != '\r')
                last = c;
        }
    }

private:
    std::string_view text_;
    const std::string& file_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t column_ = 1; // in characters (UTF-8 continuation bytes do not count), as toml++ counts

    void advance()
    {
        const auto byte = static_cast<unsigned char>(text_[pos_++]);
        if (byte == '\n') {
            ++line_;
            column_ = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column_;
        }
    }

    bool startsWith(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

    void skipComment()
    {
        while (pos_ < text_.size() && text_[pos_] != '\n')
            advance();
    }

    void skipString(char quote)
    {
        const std::string triple(3, quote);
        const bool multiLine = startsWith(triple);
        const std::size_t openers = multiLine ? 3 : 1;
        for (std::size_t i = 0; i < openers; ++i)
            advance();
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\\' && quote == '"') { // basic strings escape the next character
                advance();
                if (pos_ < text_.size())
                    advance();
            } else if (multiLine && startsWith(triple)) {
                for (int i = 0; i < 3; ++i)
                    advance();
                // Up to two more quotes right before the closing ones belong to the string.
                for (int i = 0; i < 2 && pos_ < text_.size() && text_[pos_] == quote; ++i)
                    advance();
                return;
            } else if (!multiLine && (c == quote || c == '\n')) {
                // A line break ends a one-line string (toml++ stops there with a syntax error).
                advance();
                return;
            } else {
                advance();
            }
        }
    }

    [[noreturn]] void fail() const
    {
        throw ModelError(file_, "TOML syntax error at line " + std::to_string(line_) + ", column "
                                    + std::to_string(column_)
                                    + ": a non-ASCII character outside a string or comment");
    }
};

} // namespace

void checkTomlCharacters(std::string_view text, const std::string& file)
{
    Scanner(text, file).run();
}

} // namespace foldwise
