// The export dialog (see exportdialog.h).
#include "exportdialog.h"

#include "settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <array>
#include <cmath>

namespace haggle::ui {

namespace {

struct PresetInfo {
    ExportDialog::Preset preset;
    const char* name;
    const char* tip;
    charts::ExportLook look;
    double inches; // printed width, 0 for screens
};

// A paper column is about 3.5 in wide and a page's text 7 in; text at 1.5x of a 600 px wide chart prints at about 8 pt
// in a column.
const std::array<PresetInfo, 4> Presets { {
    { ExportDialog::Preset::Screen, "Screen", "1600 x 1000 at 2x, text as on screen", { { 1600, 1000 }, 2.0, 1.0 },
        0.0 },
    { ExportDialog::Preset::Slide, "Slide (16:9)",
        "1600 x 900 at 2x with text half as large again: reads from the "
        "back of a room",
        { { 1600, 900 }, 2.0, 1.5 }, 0.0 },
    { ExportDialog::Preset::PaperColumn, "Paper, one column (3.5 in)",
        "600 x 400 at 4x (2400 x 1600 pixels, about 690 dpi over a 3.5 in column), text 1.5x",
        { { 600, 400 }, 4.0, 1.5 }, 3.5 },
    { ExportDialog::Preset::PaperPage, "Paper, full width (7 in)",
        "1000 x 625 at 3x (3000 x 1875 pixels, about 430 dpi over 7 in), text 1.4x", { { 1000, 625 }, 3.0, 1.4 }, 7.0 },
} };

const PresetInfo* infoOf(ExportDialog::Preset preset)
{
    for (const PresetInfo& info : Presets) {
        if (info.preset == preset)
            return &info;
    }
    return nullptr;
}

} // namespace

ExportDialog::ExportDialog(const QStringList& charts, const QStringList& chartTitles, QWidget* parent)
    : QDialog(parent)
    , m_target(new QComboBox)
    , m_format(new QComboBox)
    , m_preset(new QComboBox)
    , m_width(new QSpinBox)
    , m_height(new QSpinBox)
    , m_scale(new QComboBox)
    , m_fontScale(new QSpinBox)
    , m_destination(new QLineEdit)
    , m_caption(new QLineEdit)
    , m_summary(new QLabel)
    , m_problem(new QLabel)
{
    setWindowTitle(QStringLiteral("Export"));
    auto* form = new QFormLayout(this);

    m_target->addItem(QStringLiteral("Deal graph"), graphTarget());
    for (qsizetype i = 0; i < charts.size(); ++i)
        m_target->addItem(i < chartTitles.size() ? chartTitles.at(i) : charts.at(i), charts.at(i));
    m_target->addItem(
        QStringLiteral("Everything (every chart, the graph and the network, into a folder)"), everythingTarget());
    m_target->setToolTip(QStringLiteral("What to export"));
    form->addRow(QStringLiteral("&Export"), m_target);
    m_format->setToolTip(QStringLiteral("PNG for slides and documents, SVG to edit or scale, CSV for the chart's "
                                        "data, GraphML for the deal network"));
    form->addRow(QStringLiteral("&Format"), m_format);

    for (const PresetInfo& info : Presets) {
        m_preset->addItem(QString::fromLatin1(info.name), static_cast<int>(info.preset));
        m_preset->setItemData(m_preset->count() - 1, QString::fromLatin1(info.tip), Qt::ToolTipRole);
    }
    m_preset->addItem(QStringLiteral("Custom"), static_cast<int>(Preset::Custom));
    m_preset->setToolTip(QStringLiteral("Where the picture goes: a size, pixel scale and text size for it"));
    form->addRow(QStringLiteral("&Preset"), m_preset);

    m_width->setRange(200, 10000);
    m_height->setRange(150, 10000);
    m_width->setSuffix(QStringLiteral(" px"));
    m_height->setSuffix(QStringLiteral(" px"));
    m_width->setToolTip(QStringLiteral("Width the picture is laid out at, in points (logical pixels)"));
    m_height->setToolTip(QStringLiteral("Height the picture is laid out at, in points (logical pixels)"));
    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("x")));
    size->addWidget(m_height);
    form->addRow(QStringLiteral("&Size"), size);
    for (int s : { 1, 2, 3, 4 })
        m_scale->addItem(QStringLiteral("%1x").arg(s), s);
    m_scale->setToolTip(QStringLiteral("Pixels per point in a PNG: 2x is crisp on high-DPI screens, 3x-4x in print"));
    form->addRow(QStringLiteral("S&cale (PNG)"), m_scale);
    m_fontScale->setRange(50, 300);
    m_fontScale->setSingleStep(10);
    m_fontScale->setSuffix(QStringLiteral(" %"));
    m_fontScale->setToolTip(QStringLiteral("Text size against the screen's: larger for slides and print"));
    form->addRow(QStringLiteral("&Text size"), m_fontScale);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setPlaceholderText(QStringLiteral("Optional: printed under the picture"));
    m_caption->setToolTip(QStringLiteral("A caption under a PNG. Every export also carries where it comes from: the "
                                         "scenario's name and hash, the seed, the rounds, the rules and Haggle's "
                                         "version (PNG text chunks, the SVG's description, a CSV's # header)"));
    form->addRow(QStringLiteral("Ca&ption (PNG)"), m_caption);
    m_summary->setWordWrap(true);
    form->addRow(QString(), m_summary);

    auto* where = new QHBoxLayout;
    auto* browse = new QPushButton(QStringLiteral("&Browse..."));
    where->addWidget(m_destination, 1);
    where->addWidget(browse);
    m_destination->setToolTip(QStringLiteral("The file to write, or the folder for everything; a missing folder is "
                                             "made"));
    form->addRow(QStringLiteral("&Destination"), where);
    m_problem->setStyleSheet(QStringLiteral("color: #a01010"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Export"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_target, &QComboBox::currentIndexChanged, this, &ExportDialog::targetChanged);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_preset, &QComboBox::currentIndexChanged, this,
        [this] { setPreset(static_cast<Preset>(m_preset->currentData().toInt())); });
    for (QSpinBox* box : { m_width, m_height, m_fontScale })
        connect(box, &QSpinBox::valueChanged, this, &ExportDialog::lookEdited);
    connect(m_scale, &QComboBox::currentIndexChanged, this, &ExportDialog::lookEdited);

    const Settings settings;
    m_destination->setText(QDir(settings.exportDirectory()).filePath(graphTarget() + QStringLiteral(".png")));
    targetChanged();
    setLook(settings.exportLook());
}

void ExportDialog::setTarget(const QString& key)
{
    const int index = m_target->findData(key);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

QString ExportDialog::target() const
{
    return m_target->currentData().toString();
}

void ExportDialog::targetChanged()
{
    const QString key = target();
    const Format before = format();
    const QSignalBlocker blocker(m_format);
    m_format->clear();
    if (key == everythingTarget()) {
        m_format->addItem(QStringLiteral("PNG, SVG and CSV of every chart; PNG, SVG and GraphML of the graph"),
            static_cast<int>(Format::Png));
    } else {
        m_format->addItem(QStringLiteral("PNG image"), static_cast<int>(Format::Png));
        m_format->addItem(QStringLiteral("SVG drawing"), static_cast<int>(Format::Svg));
        if (key == graphTarget())
            m_format->addItem(
                QStringLiteral("GraphML network (for Gephi, yEd, NetworkX)"), static_cast<int>(Format::GraphML));
        else
            m_format->addItem(QStringLiteral("CSV data (every series' points)"), static_cast<int>(Format::Csv));
    }
    const int keep = m_format->findData(static_cast<int>(before));
    m_format->setCurrentIndex(keep >= 0 ? keep : 0);
    formatChanged();
}

void ExportDialog::setFormat(Format format)
{
    const int index = m_format->findData(static_cast<int>(format));
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

ExportDialog::Format ExportDialog::format() const
{
    return m_format->count() == 0 ? Format::Png : static_cast<Format>(m_format->currentData().toInt());
}

QStringList ExportDialog::formatsOffered() const
{
    QStringList names;
    for (int i = 0; i < m_format->count(); ++i)
        names.append(m_format->itemText(i));
    return names;
}

QString ExportDialog::suffix() const
{
    switch (format()) {
    case Format::Svg:
        return QStringLiteral(".svg");
    case Format::Csv:
        return QStringLiteral(".csv");
    case Format::GraphML:
        return QStringLiteral(".graphml");
    case Format::Png:
        break;
    }
    return QStringLiteral(".png");
}

void ExportDialog::formatChanged()
{
    // Data has no look: size, scale and text only matter to pictures.
    const bool picture = exportsEverything() || format() == Format::Png || format() == Format::Svg;
    for (QWidget* w : std::initializer_list<QWidget*> { m_preset, m_width, m_height, m_fontScale })
        w->setEnabled(picture);
    m_scale->setEnabled(exportsEverything() || format() == Format::Png);
    updateDestinationName();
    lookEdited();
}

void ExportDialog::updateDestinationName()
{
    // The folder stays the user's; the name follows the target and format.
    const QFileInfo current(m_destination->text().trimmed());
    QString folder
        = current.fileName().contains(u'.') || current.fileName().isEmpty() ? current.path() : current.filePath();
    if (folder.isEmpty())
        folder = Settings().exportDirectory();
    if (exportsEverything())
        m_destination->setText(QDir::cleanPath(folder));
    else
        m_destination->setText(QDir(folder).filePath(target() + suffix()));
}

void ExportDialog::setPreset(Preset preset)
{
    if (const PresetInfo* info = infoOf(preset)) {
        setLook(info->look); // the values then match the preset, which lookEdited() shows
        return;
    }
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(Preset::Custom)));
    lookEdited();
}

ExportDialog::Preset ExportDialog::preset() const
{
    return static_cast<Preset>(m_preset->currentData().toInt());
}

charts::ExportLook ExportDialog::presetLook(Preset preset)
{
    const PresetInfo* info = infoOf(preset);
    return info ? info->look : charts::ExportLook {};
}

charts::ExportLook ExportDialog::look() const
{
    charts::ExportLook look { { m_width->value(), m_height->value() }, m_scale->currentData().toReal(),
        m_fontScale->value() / 100.0, {} };
    look.provenance.caption = m_caption->text().trimmed();
    return look;
}

void ExportDialog::setLook(const charts::ExportLook& look)
{
    m_applyingPreset = true;
    m_width->setValue(look.logicalSize.width());
    m_height->setValue(look.logicalSize.height());
    const int scaleIndex = m_scale->findData(qRound(look.scale));
    m_scale->setCurrentIndex(scaleIndex >= 0 ? scaleIndex : 1);
    m_fontScale->setValue(qRound(look.fontScale * 100.0));
    m_applyingPreset = false;
    lookEdited();
}

void ExportDialog::lookEdited()
{
    const charts::ExportLook now = look();
    if (!m_applyingPreset) {
        // The preset shown is the one the values match, else Custom.
        Preset matching = Preset::Custom;
        for (const PresetInfo& info : Presets) {
            if (info.look.logicalSize == now.logicalSize && qRound(info.look.scale) == qRound(now.scale)
                && qRound(info.look.fontScale * 100) == qRound(now.fontScale * 100))
                matching = info.preset;
        }
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(m_preset->findData(static_cast<int>(matching)));
    }
    QString text;
    if (format() == Format::Csv || format() == Format::GraphML) {
        text = QStringLiteral("Data: no size or scale");
    } else {
        const int pixelsWide = qRound(now.logicalSize.width() * now.scale);
        const int pixelsHigh = qRound(now.logicalSize.height() * now.scale);
        text = QStringLiteral("PNG: %1 x %2 pixels; text %3x the screen's")
                   .arg(pixelsWide)
                   .arg(pixelsHigh)
                   .arg(now.fontScale, 0, 'g', 3);
        if (const PresetInfo* info = infoOf(preset()); info && info->inches > 0.0)
            text += QStringLiteral("; %1 dpi at %2 in wide").arg(qRound(pixelsWide / info->inches)).arg(info->inches);
    }
    m_summary->setText(text);
}

void ExportDialog::browse()
{
    QString chosen;
    if (exportsEverything()) {
        chosen = QFileDialog::getExistingDirectory(
            this, QStringLiteral("Export everything to folder"), m_destination->text());
    } else {
        QString filter = QStringLiteral("PNG images (*.png)");
        if (format() == Format::Svg)
            filter = QStringLiteral("SVG drawings (*.svg)");
        else if (format() == Format::Csv)
            filter = QStringLiteral("CSV (*.csv)");
        else if (format() == Format::GraphML)
            filter = QStringLiteral("GraphML (*.graphml)");
        chosen = QFileDialog::getSaveFileName(this, QStringLiteral("Export to"), m_destination->text(), filter, nullptr,
            QFileDialog::DontConfirmOverwrite);
    }
    if (!chosen.isEmpty())
        m_destination->setText(QDir::toNativeSeparators(chosen));
}

QString ExportDialog::destination() const
{
    return QDir::fromNativeSeparators(m_destination->text().trimmed());
}

void ExportDialog::setDestination(const QString& path)
{
    m_destination->setText(QDir::toNativeSeparators(path));
}

QString ExportDialog::problem() const
{
    const QString path = destination();
    if (path.isEmpty())
        return exportsEverything() ? QStringLiteral("Choose a folder to export into.")
                                   : QStringLiteral("Choose a file to export to.");
    const QFileInfo info(path);
    if (exportsEverything()) {
        if (info.exists() && !info.isDir())
            return QStringLiteral("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(path));
        return {};
    }
    if (info.isDir())
        return QStringLiteral("%1 is a folder: add a file name.").arg(QDir::toNativeSeparators(path));
    return {};
}

void ExportDialog::accept()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (!why.isEmpty())
        return;
    Settings settings;
    settings.setExportDirectory(exportsEverything() ? destination() : QFileInfo(destination()).path());
    settings.setExportLook(look());
    QDialog::accept();
}

} // namespace haggle::ui
