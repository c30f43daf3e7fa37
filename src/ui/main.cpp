// haggle: the desktop lab. `haggle [FILE.json]` opens the window on the file, or on the default scenario.
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstring>

namespace {

void describe(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QStringLiteral("Haggle: a simulation lab for decentralized compute markets"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A scenario file to open (optional)."));
    parser.addOption(QCommandLineOption(QStringLiteral("sweep"),
        QStringLiteral("Open the Experiments window on a sweep file (or builtin:KEY, an example sweep)."),
        QStringLiteral("file")));
}

// Whether the command line only asks for text (help or version): that needs no display, so it is answered before
// the window system is opened (over ssh, with no display, opening it aborts).
bool asksForTextOnly(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char* option : { "-h", "--help", "-?", "--help-all", "-v", "--version" }) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("Haggle"));
    QCoreApplication::setOrganizationName(QStringLiteral("Haggle"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HAGGLE_VERSION));
    if (asksForTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCommandLineParser parser;
        describe(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    QCommandLineParser parser;
    describe(parser);
    parser.process(app);

    haggle::ui::MainWindow window;
    window.show();
    // Unsaved edits of a session that crashed come first; a file named on the command line is opened only when
    // none was restored, so restoring never competes with it.
    const bool restored = window.offerRecovery();
    if (!restored && !parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().first());
    if (parser.isSet(QStringLiteral("sweep")))
        window.openSweep(parser.value(QStringLiteral("sweep")));
    return app.exec();
}
