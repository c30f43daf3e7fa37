// Rendering scenes and exporting charts: see chartexport.h.
#include "chartexport.h"

#include "scenariofile.h"

#include "chartfit.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QStringList>
#include <QSvgGenerator>
#include <QtCharts/QChart>

#include <cmath>

namespace haggle::charts {

namespace {

// The chart alone in a private scene at the asked size, for as long as this object lives; then back where it
// was. A private scene keeps other items of the caller's scene (and the caller's view size) out of exports.
class StagedChart {
public:
    StagedChart(QChart* chart, QSizeF logicalSize)
        : m_chart(chart)
        , m_oldScene(chart->scene())
        , m_oldParent(chart->parentItem())
        , m_oldGeometry(chart->geometry())
        , m_rect(QPointF(0.0, 0.0), logicalSize)
    {
        if (m_oldParent)
            m_chart->setParentItem(nullptr);
        if (m_oldScene)
            m_oldScene->removeItem(m_chart);
        m_scene.addItem(m_chart);
        m_scene.setSceneRect(m_rect);
        m_chart->setGeometry(m_rect);
        // The chart lays itself out on a posted LayoutRequest; activating now avoids spinning the event loop
        // (which a library should not do behind its caller's back).
        if (QGraphicsLayout* layout = m_chart->layout())
            layout->activate();
        // Ticks and legend for this size, then laid out again with them.
        fitToSize(m_chart);
        if (QGraphicsLayout* layout = m_chart->layout())
            layout->activate();
    }

    ~StagedChart()
    {
        m_scene.removeItem(m_chart);
        if (m_oldParent)
            m_chart->setParentItem(m_oldParent); // also puts it back in the parent's scene
        else if (m_oldScene)
            m_oldScene->addItem(m_chart);
        m_chart->setGeometry(m_oldGeometry);
        // Back to the ticks and legend of the size it is shown at.
        if (QGraphicsLayout* layout = m_chart->layout())
            layout->activate();
        fitToSize(m_chart);
    }

    StagedChart(const StagedChart&) = delete;
    StagedChart& operator=(const StagedChart&) = delete;

    QGraphicsScene& scene() { return m_scene; }
    QRectF rect() const { return m_rect; }

private:
    QChart* m_chart;
    QGraphicsScene* m_oldScene;
    QGraphicsItem* m_oldParent;
    QRectF m_oldGeometry;
    QRectF m_rect;
    QGraphicsScene m_scene; // declared last: destroyed after the destructor body has taken the chart out
};

void paintScene(QGraphicsScene& scene, QPainter& painter, const QRectF& target, const QRectF& source)
{
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    scene.render(&painter, target, source, Qt::IgnoreAspectRatio);
}

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

bool checkSize(QSize logicalSize, qreal scale, QString* error)
{
    if (logicalSize.isEmpty())
        return fail(
            error, QStringLiteral("Invalid export size %1x%2").arg(logicalSize.width()).arg(logicalSize.height()));
    if (!(scale > 0.0))
        return fail(error, QStringLiteral("Invalid export scale %1").arg(scale));
    return true;
}

bool checkArguments(QChart* chart, QSize logicalSize, qreal scale, QString* error)
{
    if (!chart)
        return fail(error, QStringLiteral("No chart to export"));
    return checkSize(logicalSize, scale, error);
}

bool checkSource(const QRectF& source, QString* error)
{
    if (!source.isValid() || source.isEmpty())
        return fail(error, QStringLiteral("Nothing to export: the scene area is empty"));
    return true;
}

// `source` at logicalSize on white, logicalSize x scale pixels. Arguments are checked by the callers.
QImage sceneImage(QGraphicsScene& scene, const QRectF& source, QSize logicalSize, qreal scale)
{
    const QSize pixels(qRound(logicalSize.width() * scale), qRound(logicalSize.height() * scale));
    QImage image(pixels, QImage::Format_RGB32);
    if (image.isNull())
        return {};
    image.setDevicePixelRatio(scale);
    // Recorded in the PNG too, so viewers that honour it show a scale-2 export at its logical size.
    const int dotsPerMeter = qRound(scale * 96.0 / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(Qt::white);
    if (!renderSceneToImage(scene, source, image))
        return {};
    return image;
}

// The image with the provenance's caption under it (a band of text the image's width), and its fields as PNG text
// chunks (tEXt: "Software", "Scenario", ... and "Description" with all of them).
QImage stamped(const QImage& image, const Provenance& provenance)
{
    QImage out = image;
    if (!provenance.caption.isEmpty()) {
        const qreal ratio = image.devicePixelRatio();
        const QSizeF logical = image.deviceIndependentSize();
        QFont font;
        font.setPointSizeF(11.0);
        const QFontMetricsF metrics(font);
        const QRectF box(12.0, 0.0, logical.width() - 24.0, 10000.0);
        const QRectF needed = metrics.boundingRect(box, Qt::TextWordWrap, provenance.caption);
        const qreal band = needed.height() + 16.0;
        out = QImage(QSize(image.width(), image.height() + int(std::ceil(band * ratio))), QImage::Format_ARGB32);
        out.setDevicePixelRatio(ratio);
        out.fill(Qt::white);
        QPainter painter(&out);
        painter.drawImage(QPointF(0.0, 0.0), image);
        painter.setFont(font);
        painter.setPen(QColor(40, 40, 40));
        painter.drawText(QRectF(12.0, logical.height() + 8.0, logical.width() - 24.0, needed.height() + 4.0),
            Qt::TextWordWrap, provenance.caption);
    }
    for (const auto& [key, value] : provenance.fields)
        out.setText(key, value);
    if (!provenance.fields.empty())
        out.setText(QStringLiteral("Description"), provenance.text());
    return out;
}

bool encodePng(const QImage& image, QByteArray& data, QString* error)
{
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image))
        return fail(error, QStringLiteral("Cannot encode PNG: %1").arg(writer.errorString()));
    return true;
}

// `source` as an SVG document of logicalSize on white, in memory.
bool svgDocument(QGraphicsScene& scene, const QRectF& source, QSize logicalSize, const QString& title,
    const QString& description, QByteArray& data, QString* error)
{
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(logicalSize);
    const QRect target(QPoint(0, 0), logicalSize);
    generator.setViewBox(target);
    // At the CSS pixel density, browsers show the file at logicalSize (the default, 72 dpi, enlarges it).
    generator.setResolution(96);
    if (!title.isEmpty())
        generator.setTitle(title);
    generator.setDescription(description);

    QPainter painter;
    if (!painter.begin(&generator))
        return fail(error, QStringLiteral("Cannot start the SVG generator"));
    painter.fillRect(target, Qt::white);
    paintScene(scene, painter, target, source);
    if (!painter.end())
        return fail(error, QStringLiteral("Cannot finish the SVG document"));
    return true;
}

// The end of every PNG export: a rendered image (null when rendering failed), encoded and written atomically.
bool savePng(const QImage& image, const QString& what, QSize logicalSize, qreal scale, const QString& path,
    QString* error, const Provenance& provenance)
{
    if (image.isNull())
        return fail(error,
            QStringLiteral("Cannot render the %1 at %2x%3, scale %4")
                .arg(what)
                .arg(logicalSize.width())
                .arg(logicalSize.height())
                .arg(scale));
    QByteArray data;
    if (!encodePng(provenance.isEmpty() ? image : stamped(image, provenance), data, error))
        return false;
    return saveAtomically(path, data, error);
}

} // namespace

QString Provenance::text() const
{
    QStringList lines;
    for (const auto& [key, value] : fields)
        lines << key + QStringLiteral(": ") + value;
    return lines.join(u'\n');
}

Provenance Provenance::ofRun(const Scenario& scenario, int firstRound, int lastRound, const QString& version)
{
    Provenance p;
    p.fields = {
        { QStringLiteral("Software"), QStringLiteral("Haggle ") + version },
        { QStringLiteral("Scenario"), QString::fromStdString(scenario.name) },
        { QStringLiteral("Scenario-Hash"), QString::fromStdString(lab::scenarioHash(scenario)) },
        { QStringLiteral("Seed"), QString::number(scenario.seed) },
        { QStringLiteral("Rounds"), QStringLiteral("%1-%2").arg(firstRound).arg(lastRound) },
        { QStringLiteral("Rules"), QString::fromStdString(scenario.rules) },
    };
    return p;
}

Provenance Provenance::ofExperiment(const QString& experiment, const QString& version)
{
    Provenance p;
    p.fields = { { QStringLiteral("Software"), QStringLiteral("Haggle ") + version },
        { QStringLiteral("Experiment"), experiment } };
    return p;
}

std::string withProvenanceHeader(const std::string& csv, const Provenance& provenance)
{
    if (provenance.fields.empty())
        return csv;
    std::string out;
    for (const auto& [key, value] : provenance.fields)
        out += "# " + key.toStdString() + ": " + value.toStdString() + "\n";
    return out + csv;
}

ExportTitle::ExportTitle(QChart* chart, const QString& title)
    : m_chart(chart)
    , m_shown(chart ? chart->title() : QString())
{
    if (m_chart)
        m_chart->setTitle(title);
}

ExportTitle::~ExportTitle()
{
    if (m_chart)
        m_chart->setTitle(m_shown);
}

bool renderSceneToImage(QGraphicsScene& scene, const QRectF& source, QImage& out)
{
    if (out.isNull())
        return false;
    QPainter painter;
    if (!painter.begin(&out))
        return false;
    // The painter works in device-independent pixels of `out`, so a ratio-2 image gets twice the detail.
    paintScene(scene, painter, QRectF(QPointF(0.0, 0.0), out.deviceIndependentSize()), source);
    return painter.end();
}

QImage renderChartImage(QChart* chart, QSize logicalSize, qreal scale)
{
    if (!checkArguments(chart, logicalSize, scale, nullptr))
        return {};
    StagedChart staged(chart, logicalSize);
    return sceneImage(staged.scene(), staged.rect(), logicalSize, scale);
}

bool exportChartPng(
    QChart* chart, const QString& path, QSize logicalSize, qreal scale, QString* error, const Provenance& provenance)
{
    if (!checkArguments(chart, logicalSize, scale, error))
        return false;
    return savePng(renderChartImage(chart, logicalSize, scale), QStringLiteral("chart"), logicalSize, scale, path,
        error, provenance);
}

bool exportChartSvg(QChart* chart, const QString& path, QSize logicalSize, QString* error, const Provenance& provenance)
{
    if (!checkArguments(chart, logicalSize, 1.0, error))
        return false;
    QByteArray data;
    {
        StagedChart staged(chart, logicalSize);
        if (!svgDocument(staged.scene(), staged.rect(), logicalSize, chart->title(),
                provenance.fields.empty() ? QStringLiteral("Chart exported by Haggle") : provenance.text(), data,
                error))
            return false;
    }
    return saveAtomically(path, data, error);
}

bool exportScenePng(QGraphicsScene& scene, const QRectF& source, const QString& path, QSize logicalSize, qreal scale,
    QString* error, const Provenance& provenance)
{
    if (!checkSize(logicalSize, scale, error) || !checkSource(source, error))
        return false;
    return savePng(sceneImage(scene, source, logicalSize, scale), QStringLiteral("scene"), logicalSize, scale, path,
        error, provenance);
}

bool exportSceneSvg(QGraphicsScene& scene, const QRectF& source, const QString& path, QSize logicalSize, QString* error,
    const Provenance& provenance)
{
    if (!checkSize(logicalSize, 1.0, error) || !checkSource(source, error))
        return false;
    QByteArray data;
    if (!svgDocument(scene, source, logicalSize, QString(),
            provenance.fields.empty() ? QStringLiteral("Exported by Haggle") : provenance.text(), data, error))
        return false;
    return saveAtomically(path, data, error);
}

bool exportImagePng(const QImage& image, const QString& path, QString* error, const Provenance& provenance)
{
    if (image.isNull())
        return fail(error, QStringLiteral("Cannot write an empty image"));
    QByteArray data;
    if (!encodePng(provenance.isEmpty() ? image : stamped(image, provenance), data, error))
        return false;
    return saveAtomically(path, data, error);
}

// QSaveFile writes to a temporary file next to the target and renames it on commit, so readers never see a
// half-written export and a failure leaves nothing behind.
bool saveAtomically(const QString& path, const QByteArray& data, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(data) != data.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(error, QStringLiteral("Cannot write %1: %2").arg(path, reason));
    }
    if (!file.commit())
        return fail(error, QStringLiteral("Cannot save %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace haggle::charts
