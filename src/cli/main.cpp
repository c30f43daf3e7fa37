// haggle-cli: the headless lab. Runs scenario files and the reference experiments, prints readable tables or one
// JSON document, and writes CSV, JSON and PNG charts. Exit codes: 0 success, 1 failure while writing results,
// 2 bad input (a bad scenario file or bad arguments), in which case nothing is written.
#include "cliapp.h"

#include <QApplication>

#include <cstdio>
#include <cstdlib>

namespace {

QtMessageHandler defaultHandler = nullptr;

// The offscreen platform complains about a missing XDG runtime directory, which a headless tool never needs; every
// other message goes through.
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    defaultHandler(type, context, message);
}

} // namespace

int main(int argc, char* argv[])
{
    defaultHandler = qInstallMessageHandler(quietHandler);
    // Charts are rendered without a display, whatever machine this runs on.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("haggle-cli"));
    QApplication::setApplicationVersion(QStringLiteral(HAGGLE_VERSION));
    return haggle::cli::CliApp(stdout, stderr).run(QApplication::arguments());
}
