// haggle: the desktop lab. `haggle [FILE.json]` opens the window on the file, or on the default scenario.
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Haggle"));
    QApplication::setOrganizationName(QStringLiteral("Haggle"));
    QApplication::setApplicationVersion(QStringLiteral(HAGGLE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Haggle: a simulation lab for decentralized compute markets"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file to open (optional)."));
    parser.process(app);

    haggle::ui::MainWindow window;
    window.show();
    // Unsaved edits of a session that crashed come first; a file named on the command line is opened only when
    // none was restored, so restoring never competes with it.
    const bool restored = window.offerRecovery();
    if (!restored && !parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().first());
    return app.exec();
}
