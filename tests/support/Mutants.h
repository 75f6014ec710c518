#pragma once

// Mutation fuzzing of the file readers: known-good files truncated and damaged byte by byte must
// each be read or rejected with a clear error; a crash, sanitizer report or any other exception
// fails the suite.

#include "OnnxFixtures.h"

#include <QtTest>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>

namespace fixtures {

// How the reader took the mutants: each attempt should end as loaded or rejected.
struct MutantTally {
    int loaded = 0, rejected = 0, attempts = 0;

    // Saves `bytes` as `file` and runs `read` on it (which reads the file and checks what it
    // got): loaded when it returns with its checks passed, rejected when it throws `Rejection`.
    // Any other exception escapes and fails the suite.
    template <typename Rejection, typename Read>
    void attempt(const std::string& bytes, const std::string& file, Read&& read)
    {
        ++attempts;
        saveBytes(bytes, file);
        try {
            read();
            if (!QTest::currentTestFailed())
                ++loaded;
        } catch (const Rejection&) {
            ++rejected;
        }
    }

    // No attempt ended otherwise (a failed check inside it), and the mutants were neither all
    // harmless nor all fatal, so both of the reader's ways were exercised.
    void expectBothOutcomes(const char* what) const
    {
        qInfo("%s: %d loaded, %d rejected with a clear error", what, loaded, rejected);
        QCOMPARE(loaded + rejected, attempts);
        QVERIFY(rejected > 0 && loaded > 0);
    }
};

// `count` copies of `original` with one to three random bytes overwritten, every other copy's
// within the first `headBytes` + 1 bytes (where the format's header is), each passed to `attempt`.
template <typename Attempt>
void forEachByteFlip(const std::string& original, int count, std::size_t headBytes, std::mt19937& rng,
                     Attempt&& attempt)
{
    std::uniform_int_distribution<std::size_t> head(0, std::min<std::size_t>(original.size() - 1, headBytes));
    std::uniform_int_distribution<std::size_t> anywhere(0, original.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < count; ++i) {
        std::string mutant = original;
        for (int f = 0; f < 1 + i % 3; ++f)
            mutant[(i % 2 ? head : anywhere)(rng)] = static_cast<char>(byte(rng));
        attempt(mutant);
    }
}

} // namespace fixtures
