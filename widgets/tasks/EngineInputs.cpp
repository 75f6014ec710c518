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

std::string calibrationSpec(const QString& data)
{
    if (data.startsWith(QLatin1String("synthetic:")))
        return data.toStdString();
    return enginePath(QFileInfo(data).absoluteFilePath()).string();
}

} // namespace foldwise::gui
