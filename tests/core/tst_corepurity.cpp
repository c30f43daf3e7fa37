// The engine stays free of Qt: no file under src/core includes a Qt header. (The engine is the one part that
// must build and run anywhere a C++20 compiler does, and that the fuzzers and benchmarks link alone.)
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

class TestCorePurity : public QObject {
    Q_OBJECT

private slots:
    void coreIncludesNoQtHeader()
    {
        const QString coreDir = QStringLiteral(HAGGLE_SOURCE_DIR "/src/core");
        QDirIterator it(coreDir, { QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("CMakeLists.txt") },
            QDir::Files, QDirIterator::Subdirectories);
        // Qt headers are Q-prefixed (QString, QtCore/...) or q-prefixed lower-case (qglobal.h).
        const QRegularExpression qtInclude(QStringLiteral("^\\s*#\\s*include\\s*[<\"](Qt\\w*/|Q[A-Z]\\w*|q\\w+\\.h)"),
            QRegularExpression::MultilineOption);
        const QRegularExpression qtLink(QStringLiteral("Qt6?::|find_package\\s*\\(\\s*Qt"));
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            QVERIFY2(!qtInclude.match(text).hasMatch(), qPrintable(path));
            QVERIFY2(!qtLink.match(text).hasMatch(), qPrintable(path));
            ++files;
        }
        QVERIFY(files > 20);
    }
};

QTEST_GUILESS_MAIN(TestCorePurity)
#include "tst_corepurity.moc"
