// The Help menu (see helpmenu.h).
#include "helpmenu.h"

#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QWhatsThis>

namespace haggle::ui {

namespace {

QString plain(QString text)
{
    return text.remove(u'&');
}

void collect(const QMenu* menu, const QString& path, std::vector<std::pair<QString, QString>>& out)
{
    const QList<QAction*> actions = menu->actions();
    for (const QAction* action : actions) {
        if (action->menu()) {
            collect(action->menu(), path + plain(action->text()) + QStringLiteral(" > "), out);
            continue;
        }
        if (!action->shortcut().isEmpty())
            out.emplace_back(path + plain(action->text()), action->shortcut().toString(QKeySequence::NativeText));
    }
}

} // namespace

HelpMenu::HelpMenu(QMainWindow* window, QMenu* menu)
    : QObject(window)
    , openUrl([](const QUrl& url) { return QDesktopServices::openUrl(url); })
    , m_window(window)
{
    QAction* first = menu->actions().value(0);
    const auto add = [&](const QString& text, const QKeySequence& keys, auto slot) {
        auto* action = new QAction(text, menu);
        action->setShortcut(keys);
        connect(action, &QAction::triggered, this, slot);
        menu->insertAction(first, action);
        return action;
    };
    add(QStringLiteral("&User Guide"), QKeySequence::HelpContents, [this] {
        openDocument(QStringLiteral("README.md"));
    })->setStatusTip(QStringLiteral("The README: the lab, the command line, the demos (F1)"));
    add(QStringLiteral("The &Model"), {}, [this] {
        openDocument(QStringLiteral("model.md"));
    })->setStatusTip(QStringLiteral("How agents negotiate, settle and judge each other, rule by rule"));
    add(QStringLiteral("Scenario &Format"), {}, [this] {
        openDocument(QStringLiteral("scenario-format.md"));
    })->setStatusTip(QStringLiteral("Every field of a scenario file, with its range and meaning"));
    add(QStringLiteral("&Sweeps"), {}, [this] { openDocument(QStringLiteral("sweeps.md")); })
        ->setStatusTip(
            QStringLiteral("Sweep files, metrics, the results database, and sweeps in the Experiments window"));
    add(QStringLiteral("&Keyboard Shortcuts"), QKeySequence(QStringLiteral("Ctrl+/")), [this] { showShortcuts(); });
    QAction* whatsThis = QWhatsThis::createAction(menu);
    whatsThis->setStatusTip(QStringLiteral("Click a dock or view to read what it shows (Shift+F1)"));
    menu->insertAction(first, whatsThis);
    menu->insertSeparator(first);
}

std::vector<std::pair<QString, QString>> HelpMenu::shortcuts() const
{
    std::vector<std::pair<QString, QString>> out;
    const QList<QAction*> menus = m_window->menuBar()->actions();
    for (const QAction* top : menus)
        if (top->menu())
            collect(top->menu(), plain(top->text()) + QStringLiteral(" > "), out);
    return out;
}

void HelpMenu::showShortcuts()
{
    const auto list = shortcuts();
    QDialog dialog(m_window);
    dialog.setWindowTitle(QStringLiteral("Keyboard shortcuts"));
    auto* table = new QTableWidget(int(list.size()), 2, &dialog);
    table->setHorizontalHeaderLabels({ QStringLiteral("Command"), QStringLiteral("Keys") });
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < int(list.size()); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(list[std::size_t(row)].first));
        table->setItem(row, 1, new QTableWidgetItem(list[std::size_t(row)].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(520, 560);
    dialog.exec();
}

QString HelpMenu::documentPath(const QString& name, QStringList* tried)
{
    // Installed: <prefix>/share/doc/haggle beside <prefix>/bin; a build: the source tree it was built from.
    const QDir bin(QCoreApplication::applicationDirPath());
    QStringList places { bin.absoluteFilePath(QStringLiteral("../share/doc/haggle/") + name) };
#ifdef HAGGLE_SOURCE_DIR
    const QString source = QStringLiteral(HAGGLE_SOURCE_DIR);
    places << source + u'/' + name << source + QStringLiteral("/docs/") + name;
#endif
    if (tried)
        *tried = places;
    for (const QString& place : places)
        if (QFileInfo(place).isFile())
            return QFileInfo(place).canonicalFilePath();
    return {};
}

void HelpMenu::openDocument(const QString& name)
{
    QStringList tried;
    const QString path = documentPath(name, &tried);
    if (path.isEmpty()) {
        emit error(QStringLiteral("Documentation not found"),
            QStringLiteral("%1 is not installed; looked in:\n%2").arg(name, tried.join(u'\n')));
        return;
    }
    if (!openUrl(QUrl::fromLocalFile(path)))
        emit error(QStringLiteral("Cannot open %1").arg(name),
            QStringLiteral("No application opens it here; the file is %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace haggle::ui
