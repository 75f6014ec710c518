#pragma once

// Runs a command-line program to completion and captures what it printed: the Slurm client
// tools (sbatch, squeue, sacct, scontrol, scancel) are the only interface a Slurm cluster
// promises to every user, so the executor talks to them as a person at a login node would.

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace foldwise::cluster {

struct ProcessResult {
    int exitCode = -1;   // the program's exit status; 128 + N when it died from signal N
    std::string output;  // standard output
    std::string errors;  // standard error
};

// The program could not be started (not on PATH, not executable) or did not finish in time.
class ProcessError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Runs `program` (looked up on PATH) with `arguments`, no standard input, and waits for it at
// most `timeout`; a program still running then is killed and reported as a ProcessError.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& arguments,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Whether `program` is an executable file on PATH.
bool onPath(const std::string& program);

} // namespace foldwise::cluster
