// Outputs replaced as a whole and writers that clean up after killed ones (core/data): the
// folder transaction's switch, carry-over, fallbacks and recovery of what a killed writer left
// at each stage; the atomic file writer's removal of abandoned temporaries (never a live
// writer's); the run-directory writer lock and its message. The kill tests proper, with real
// processes killed at every commit point, are tst_kill_outputs and tst_kill_sweep.
#include "io/AtomicFileWriter.h"
#include "io/DirectoryTransaction.h"
#include "io/FileErrors.h"
#include "io/WriterLock.h"
#include "model/ModelError.h"

#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace foldwise;
namespace fs = std::filesystem;

namespace {

// A pid no process can have (above any pid_max), standing for a killed writer.
const std::string kDeadOwner = "2147483647-0";

void save(const fs::path& file, const std::string& text)
{
    QFile f(QString::fromStdString(file.string()));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), static_cast<qint64>(text.size()));
}

// What a writer killed at some stage left beside <parent>/out: its `.out.<stage>-<owner>` folder
// (stage "txn" staging, "old" the folder it replaced) holding design.json.
void leaveKilledWritersFolder(const fs::path& parent, const std::string& stage, const std::string& design)
{
    const fs::path folder = parent / (".out." + stage + "-" + kDeadOwner);
    fs::create_directories(folder);
    save(folder / "design.json", design);
}

std::string load(const fs::path& file)
{
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return "<missing>";
    return f.readAll().toStdString();
}

// name -> content of a folder's entries (folders as "<dir>", links as "-> target").
std::map<std::string, std::string> listing(const fs::path& dir)
{
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_symlink())
            out[name] = "-> " + fs::read_symlink(e.path()).string();
        else if (e.is_directory())
            out[name] = "<dir>";
        else
            out[name] = load(e.path());
    }
    return out;
}

void writeSet(const DirectoryTransaction& txn, const std::string& version)
{
    for (const char* name : {"design.json", "config.json"}) {
        AtomicFileWriter w(txn.folder() / name);
        const std::string text = std::string(name) + " " + version;
        w.write(text.data(), text.size());
        w.commit();
    }
}

} // namespace

class TestOutputTransactions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp;
    int serial = 0;
    // A fresh parent folder per test, so that "nothing but the target is left" is checkable.
    fs::path fresh()
    {
        const fs::path p = fs::path(tmp.path().toStdString()) / ("case" + std::to_string(++serial));
        fs::create_directories(p);
        return p;
    }

private slots:
    void createsTheFolderWhole()
    {
        const fs::path parent = fresh();
        {
            DirectoryTransaction txn(parent / "out");
            QVERIFY(txn.swapsFolders());
            writeSet(txn, "v1");
            QVERIFY(!fs::exists(parent / "out")); // nothing visible before the commit
            txn.commit();
        }
        QCOMPARE(listing(parent / "out"),
                 (std::map<std::string, std::string>{{"config.json", "config.json v1"}, {"design.json", "design.json v1"}}));
        QCOMPARE(listing(parent).size(), std::size_t(1)); // no staging folder left
    }

    void replacesTheSetAndKeepsTheUsersFiles()
    {
        const fs::path parent = fresh(), out = parent / "out";
        fs::create_directories(out);
        save(out / "design.json", "design.json v1");
        save(out / "notes.txt", "mine");
        fs::create_symlink("notes.txt", out / "link");
        save(out / (".design.json.tmp-" + kDeadOwner), "a killed writer's"); // not carried over
        ::chmod(out.c_str(), 0750);
        struct stat before {};
        ::stat((out / "notes.txt").c_str(), &before);
        {
            DirectoryTransaction txn(out);
            QVERIFY(txn.swapsFolders());
            writeSet(txn, "v2");
            QCOMPARE(load(out / "design.json"), std::string("design.json v1"));
            txn.commit();
        }
        QCOMPARE(listing(out), (std::map<std::string, std::string>{{"config.json", "config.json v2"},
                                                                   {"design.json", "design.json v2"},
                                                                   {"link", "-> notes.txt"},
                                                                   {"notes.txt", "mine"}}));
        struct stat after {}, mode {};
        ::stat((out / "notes.txt").c_str(), &after);
        QCOMPARE(after.st_ino, before.st_ino); // carried over as a hard link, not copied
        ::stat(out.c_str(), &mode);
        QCOMPARE(mode.st_mode & 07777, mode_t(0750));
        QCOMPARE(listing(parent).size(), std::size_t(1));
    }

    void uncommittedLeavesTheOldSet()
    {
        const fs::path parent = fresh(), out = parent / "out";
        fs::create_directories(out);
        save(out / "design.json", "old");
        {
            DirectoryTransaction txn(out);
            writeSet(txn, "v2");
        }
        QCOMPARE(listing(out), (std::map<std::string, std::string>{{"design.json", "old"}}));
        QCOMPARE(listing(parent).size(), std::size_t(1));
    }

    // Where the filesystem cannot exchange two folders: old aside, new in.
    void fallsBackWithoutExchange()
    {
        qputenv("FOLDWISE_TEST_NO_RENAME_EXCHANGE", "1");
        const fs::path parent = fresh(), out = parent / "out";
        fs::create_directories(out);
        save(out / "design.json", "old");
        save(out / "notes.txt", "mine");
        {
            DirectoryTransaction txn(out);
            writeSet(txn, "v2");
            txn.commit();
        }
        qunsetenv("FOLDWISE_TEST_NO_RENAME_EXCHANGE");
        QCOMPARE(listing(out), (std::map<std::string, std::string>{
                                   {"config.json", "config.json v2"}, {"design.json", "design.json v2"}, {"notes.txt", "mine"}}));
        QCOMPARE(listing(parent).size(), std::size_t(1));
    }

    // What killed writers leave at each stage, and what the next transaction makes of it.
    void recoversWhatKilledWritersLeft()
    {
        // Killed before the switch (or after an exchange): the staging folder goes.
        {
            const fs::path parent = fresh(), out = parent / "out";
            fs::create_directories(out);
            save(out / "design.json", "old");
            leaveKilledWritersFolder(parent, "txn", "half");
            DirectoryTransaction txn(out);
            QCOMPARE(listing(out), (std::map<std::string, std::string>{{"design.json", "old"}}));
            QCOMPARE(listing(parent).size(), std::size_t(2)); // the target and this transaction's staging
        }
        // Killed between the fallback's two renames: the complete new folder is moved in.
        {
            const fs::path parent = fresh(), out = parent / "out";
            leaveKilledWritersFolder(parent, "old", "old");
            leaveKilledWritersFolder(parent, "txn", "new");
            { DirectoryTransaction txn(out); }
            QCOMPARE(listing(out), (std::map<std::string, std::string>{{"design.json", "new"}}));
            QCOMPARE(listing(parent).size(), std::size_t(1));
        }
        // Killed after both renames, before removing the old folder.
        {
            const fs::path parent = fresh(), out = parent / "out";
            fs::create_directories(out);
            save(out / "design.json", "new");
            leaveKilledWritersFolder(parent, "old", "old");
            { DirectoryTransaction txn(out); }
            QCOMPARE(listing(out), (std::map<std::string, std::string>{{"design.json", "new"}}));
            QCOMPARE(listing(parent).size(), std::size_t(1));
        }
        // In place: a complete staged set is moved in, an incomplete one removed.
        {
            const fs::path parent = fresh(), out = parent / "out";
            fs::create_directories(out / (".foldwise-done-" + kDeadOwner));
            save(out / "design.json", "new");
            save(out / "config.json", "old");
            save(out / (".foldwise-done-" + kDeadOwner) / "config.json", "new");
            fs::create_directories(out / ".foldwise-txn-2147483647-1");
            save(out / ".foldwise-txn-2147483647-1" / "design.json", "newer, half");
            { DirectoryTransaction txn(out); }
            QCOMPARE(listing(out), (std::map<std::string, std::string>{{"config.json", "new"}, {"design.json", "new"}}));
        }
    }

    // A live writer's staging folder is not taken for a killed one's, whatever its pid says
    // (another machine on a shared filesystem): it holds its lock.
    void keepsALiveWritersStaging()
    {
        const fs::path parent = fresh(), out = parent / "out";
        const fs::path live = parent / (".out.txn-" + kDeadOwner);
        fs::create_directories(live);
        const int fd = ::open(live.c_str(), O_RDONLY | O_DIRECTORY);
        QVERIFY(fd >= 0 && ::flock(fd, LOCK_EX) == 0);
        { DirectoryTransaction txn(out); }
        QVERIFY(fs::exists(live));
        ::close(fd);
        { DirectoryTransaction txn(out); }
        QVERIFY(!fs::exists(live));
    }

    // The working folder (a shell may sit in it) and folders with subfolders (another program
    // may be writing inside) are not swapped: their files are replaced one by one.
    void replacesInPlaceWhereSwappingIsUnsafe()
    {
        const fs::path parent = fresh(), out = parent / "out";
        fs::create_directories(out / "sub");
        save(out / "design.json", "old");
        {
            DirectoryTransaction txn(out);
            QVERIFY(!txn.swapsFolders());
            writeSet(txn, "v2");
            txn.commit();
        }
        QCOMPARE(listing(out), (std::map<std::string, std::string>{
                                   {"config.json", "config.json v2"}, {"design.json", "design.json v2"}, {"sub", "<dir>"}}));
        fs::remove(out / "sub");
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QString::fromStdString(out.string())));
        struct stat self {};
        ::stat(".", &self);
        {
            DirectoryTransaction txn(".");
            QVERIFY(!txn.swapsFolders());
            writeSet(txn, "v3");
            txn.commit();
        }
        struct stat still {};
        ::stat(out.c_str(), &still);
        QCOMPARE(still.st_ino, self.st_ino); // the working folder is the same folder
        QVERIFY(QDir::setCurrent(before));
        QCOMPARE(listing(out), (std::map<std::string, std::string>{{"config.json", "config.json v3"}, {"design.json", "design.json v3"}}));
    }

    // A link to the output folder stays a link; the folder it points to gets the new set.
    void followsALinkToTheFolder()
    {
        const fs::path parent = fresh();
        fs::create_directories(parent / "real");
        save(parent / "real" / "design.json", "old");
        fs::create_directory_symlink("real", parent / "link");
        {
            DirectoryTransaction txn(parent / "link");
            writeSet(txn, "v2");
            txn.commit();
        }
        QVERIFY(fs::is_symlink(parent / "link"));
        QCOMPARE(load(parent / "real" / "design.json"), std::string("design.json v2"));
        QCOMPARE(listing(parent).size(), std::size_t(2));
    }

    void refusesAFileInTheWay()
    {
        const fs::path parent = fresh();
        save(parent / "out", "a file");
        try {
            DirectoryTransaction txn(parent / "out");
            QFAIL("no error");
        } catch (const ModelError& e) {
            QVERIFY2(std::string(e.what()).find("is not a folder") != std::string::npos, e.what());
        }
    }

    // The atomic writer removes the temporaries of killed writers of the same target, and
    // neither a live writer's (by pid, or by its lock) nor another target's.
    void atomicWriterRemovesAbandonedTemporaries()
    {
        const fs::path dir = fresh();
        const fs::path dead = dir / (".f.txt.tmp-" + kDeadOwner);
        const fs::path alive = dir / (".f.txt.tmp-" + std::to_string(::getpid()) + "-999");
        const fs::path locked = dir / ".f.txt.tmp-2147483647-7";
        const fs::path other = dir / (".g.txt.tmp-" + kDeadOwner);
        for (const fs::path& p : {dead, alive, locked, other})
            save(p, "x");
        const int fd = ::open(locked.c_str(), O_RDONLY);
        QVERIFY(fd >= 0 && ::flock(fd, LOCK_EX) == 0);
        AtomicFileWriter w(dir / "f.txt");
        w.write("new", 3);
        w.commit();
        ::close(fd);
        QVERIFY(!fs::exists(dead));
        QVERIFY(fs::exists(alive));
        QVERIFY(fs::exists(locked));
        QVERIFY(fs::exists(other));
        QCOMPARE(load(dir / "f.txt"), std::string("new"));
    }

    // Errors say which file and what is wrong, in words.
    void writerErrorsNameTheFileAndTheProblem()
    {
        const fs::path dir = fresh();
        save(dir / "plain", "a file");
        try {
            AtomicFileWriter w(dir / "plain" / "f.txt");
            QFAIL("no error");
        } catch (const ModelError& e) {
            const std::string m = e.what();
            QVERIFY2(m.find((dir / "plain" / "f.txt").string() + ": cannot write it: ") == 0, e.what());
            QVERIFY2(m.find("is not a folder") != std::string::npos, e.what());
        }
        try {
            createFolder(dir / "plain" / "sub");
            QFAIL("no error");
        } catch (const ModelError& e) {
            QVERIFY2(std::string(e.what()).find("cannot create the folder") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("filesystem error") == std::string::npos, e.what());
        }
        if (::geteuid() == 0)
            return; // root writes into read-only folders
        fs::create_directories(dir / "ro");
        ::chmod((dir / "ro").c_str(), 0555);
        try {
            AtomicFileWriter w(dir / "ro" / "f.txt");
            QFAIL("no error");
        } catch (const ModelError& e) {
            QVERIFY2(std::string(e.what()).find("is not writable (Permission denied)") != std::string::npos, e.what());
        }
        ::chmod((dir / "ro").c_str(), 0755);
    }

    // One writer per run directory; the refusal names the holder.
    void writerLockNamesTheHolder()
    {
        const fs::path dir = fresh();
        {
            const WriterLock first(dir, ".lock");
            QVERIFY(fs::exists(dir / ".lock"));
            try {
                const WriterLock second(dir, ".lock");
                QFAIL("the second writer was let in");
            } catch (const ModelError& e) {
                const std::string m = e.what();
                QVERIFY2(m.find(dir.string() + ": is being written by pid " + std::to_string(::getpid()) + " on host ") == 0,
                         e.what());
                QVERIFY2(m.find(" since 20") != std::string::npos, e.what());
                QVERIFY2(m.find("started as: ") != std::string::npos && m.find("tst_output_transactions") != std::string::npos,
                         e.what());
            }
        }
        QVERIFY(!fs::exists(dir / ".lock")); // released: removed
        // A lock file a killed writer left (nobody holds its lock) is taken over.
        save(dir / ".lock", "pid: 2147483647\nhost: gone\nsince: then\ncommand: killed\n");
        const WriterLock again(dir, ".lock");
        QVERIFY(load(dir / ".lock").find("pid: " + std::to_string(::getpid())) == 0);
    }
};

QTEST_GUILESS_MAIN(TestOutputTransactions)
#include "tst_output_transactions.moc"
