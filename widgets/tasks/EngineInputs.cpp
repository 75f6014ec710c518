#include "tasks/EngineInputs.h"

#include <QFile>
#include <QFileInfo>

namespace foldwise::gui {

std::filesystem::path enginePath(const QString& path)
{
#ifdef Q_OS_WIN
    return std::filesystem::path(path.toStdWString());
#else
    return std::filesystem::path(QFile::encodeName(path).toStdString());
#endif
}

std::optional<std::vector<int64_t>> parsePositiveIntegers(const QString& text)
{
    std::vector<int64_t> values;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const qlonglong v = part.trimmed().toLongLong(&ok);
        if (!ok || v < 1)
            return std::nullopt;
        values.push_back(v);
    }
    return values;
}

std::string engineText(const QString& path)
{
    return enginePath(path).string();
}

} // namespace foldwise::gui
