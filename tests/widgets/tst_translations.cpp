// The German translation is complete and loads: every string the sources pass to tr() has a
// German text in translations/foldwise_de.ts (lupdate, run on the same sources into a copy of
// the file, finds nothing new or unfinished), and the embedded .qm translates at run time.

#include "Translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kSourceDir = QStringLiteral(FOLDWISE_SOURCE_DIR);
const QString kTsFile = kSourceDir + QStringLiteral("/translations/foldwise_de.ts");

// The <source> texts of messages still waiting for a translation.
QStringList unfinishedSources(const QString& tsFile)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot read ") + tsFile};
    const QString text = QString::fromUtf8(file.readAll());
    static const QRegularExpression message(QStringLiteral("<message[^>]*>(.*?)</message>"),
                                            QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression source(QStringLiteral("<source>(.*?)</source>"),
                                           QRegularExpression::DotMatchesEverythingOption);
    QStringList unfinished;
    for (auto it = message.globalMatch(text); it.hasNext();) {
        const QString body = it.next().captured(1);
        if (body.contains(QLatin1String("type=\"unfinished\"")) || body.contains(QLatin1String("<translation></translation>")))
            unfinished << source.match(body).captured(1);
    }
    return unfinished;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void committedFileIsComplete()
    {
        const QStringList missing = unfinishedSources(kTsFile);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }

    // A tr() string added without its translation fails here, not in a German user's menu.
    void everySourceStringHasATranslation()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("foldwise_de.ts"));
        QVERIFY(QFile::copy(kTsFile, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(FOLDWISE_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                       kSourceDir + QStringLiteral("/widgets"), kSourceDir + QStringLiteral("/app/gui/main.cpp"),
                       QStringLiteral("-ts"), copy});
        QVERIFY2(lupdate.waitForFinished(300'000), "lupdate did not finish");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        const QStringList missing = unfinishedSources(copy);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not translated (run the update_translations target, then translate):\n")
                            + missing.join(QLatin1Char('\n'))));
    }

    void germanLoadsAndTranslates()
    {
        QVERIFY(foldwise::gui::installTranslations(*QCoreApplication::instance(), QStringLiteral("de")));
        QCOMPARE(QCoreApplication::translate("PassMenu", "Prune Cha&nnels…"),
                 QStringLiteral("Kanäle beschnei&den …"));
        QCOMPARE(QCoreApplication::translate("CommandLine", "Workbench for tuning CNNs for streaming FPGA accelerators"),
                 QStringLiteral("Werkbank zum Abstimmen von CNNs für Streaming-FPGA-Beschleuniger"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
