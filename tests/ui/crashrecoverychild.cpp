// A desktop-lab session for tst_crashrecovery to crash: it opens a main window on the autosave directory it is
// given (and a scenario file, if any), edits the first agent's budget through the document, waits until the edit
// is autosaved and prints "autosaved <file>". Then, in "crash" mode, it waits to be killed; in "close" mode it
// closes the window, discarding the edit, and exits as a person quitting would.
#include "autosavestore.h"
#include "mainwindow.h"
#include "scenariodocument.h"

#include <QApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using haggle::ui::MainWindow;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Haggle"));
    QApplication::setOrganizationName(QStringLiteral("Haggle"));
    const QStringList args = QApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: crashrecoverychild AUTOSAVE_DIR crash|close BUDGET [SCENARIO.json]\n");
        return 2;
    }
    const bool crash = args.at(2) == u"crash";
    MainWindow window(MainWindow::AutosaveOptions { args.at(1), 50 });
    window.askToSave = [](const QString&) { return QMessageBox::Discard; };
    window.showError = [](const QString& title, const QString& text) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
    };
    if (args.size() > 4 && !window.openFile(args.at(4)))
        return 3;
    haggle::AgentSpec agent = window.document()->scenario().agents.at(0);
    agent.budget = args.at(3).toDouble();
    QString error;
    if (!window.document()->setAgent(0, agent, &error)) {
        std::fprintf(stderr, "edit refused: %s\n", qPrintable(error));
        return 4;
    }
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &window, [&] {
        const QString file = window.autosaveStore()->file();
        if (!QFileInfo::exists(file))
            return;
        poll.stop();
        std::printf("autosaved %s\n", qPrintable(file));
        std::fflush(stdout);
        if (!crash && window.close())
            app.quit();
    });
    poll.start(20);
    return app.exec();
}
