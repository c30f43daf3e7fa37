// The one rendering path for every scene (charts and the deal graph) and the exports built on it, so a PNG or
// SVG from haggle-cli shows exactly what the desktop lab shows.
#pragma once

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include <string>
#include <utility>
#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QGraphicsScene;
QT_END_NAMESPACE

namespace haggle {
struct Scenario;
}

namespace haggle::charts {

// Where an export comes from, stamped into it so a figure in a paper can be traced to its run: PNG text chunks (and
// an optional caption under the image), the SVG's description, a CSV's comment header, a JSON "provenance" object.
struct Provenance {
    std::vector<std::pair<QString, QString>> fields; // in order, e.g. ("Software", "Haggle 0.1.0")
    QString caption; // drawn under a PNG when set

    bool isEmpty() const noexcept { return fields.empty() && caption.isEmpty(); }
    // "Key: value" lines.
    QString text() const;
    // A run's: the software and version, the scenario's name and hash, its seed, the rounds shown and the rules.
    static Provenance ofRun(const Scenario& scenario, int firstRound, int lastRound, const QString& version);
    // An experiment's: the software and version and the experiment's catalog name (callers add its parameters).
    static Provenance ofExperiment(const QString& experiment, const QString& version);
};

// A CSV's text with the provenance as "# Key: value" lines before its header (readers skip them: pandas with
// comment='#', R with comment.char='#'); the text itself when there is none.
std::string withProvenanceHeader(const std::string& csv, const Provenance& provenance);

// How an export looks: its size in logical pixels (what fonts and lines are laid out in), pixels per logical pixel
// for a PNG, and how much larger than on screen its text is (a slide read from the back of a room, a paper column).
struct ExportLook {
    ExportLook() = default;
    ExportLook(QSize size, qreal pixelScale, qreal textScale, Provenance stamp = {})
        : logicalSize(size)
        , scale(pixelScale)
        , fontScale(textScale)
        , provenance(std::move(stamp))
    {
    }

    QSize logicalSize { 1600, 1000 };
    qreal scale = 2.0;
    qreal fontScale = 1.0;
    Provenance provenance; // stamped into the file (none: nothing stamped)
};

// A chart titled for a file while it is exported ("scenario: chart", as haggle-cli titles it), its own title back
// afterwards: a window may show a shorter one.
class ExportTitle {
public:
    ExportTitle(QChart* chart, const QString& title);
    ~ExportTitle();
    ExportTitle(const ExportTitle&) = delete;
    ExportTitle& operator=(const ExportTitle&) = delete;

private:
    QChart* m_chart;
    QString m_shown;
};

// Renders `source` (scene coordinates) of the scene over the whole of `out`, antialiased. `out` must already
// have its pixel size and device pixel ratio: drawing happens in logical coordinates, so fonts and lines are
// sharp at ratio 2. Does not clear `out` first. False when `out` is null or cannot be painted on.
bool renderSceneToImage(QGraphicsScene& scene, const QRectF& source, QImage& out);

// Any scene (the deal graph, or a staged chart below): `source` (scene coordinates) drawn over the whole of
// logicalSize on white, at logicalSize x scale pixels with device pixel ratio `scale`, as a PNG written through
// QSaveFile. A source with another aspect ratio than logicalSize is stretched, so callers pad it first. On
// failure (bad size, scale or source, a missing directory) returns false, sets *error (when given) and leaves
// nothing behind.
bool exportScenePng(QGraphicsScene& scene, const QRectF& source, const QString& path, QSize logicalSize, qreal scale,
    QString* error = nullptr, const Provenance& provenance = {});

// The same as SVG at logicalSize (width, height and viewBox), generated in memory and written through QSaveFile.
bool exportSceneSvg(QGraphicsScene& scene, const QRectF& source, const QString& path, QSize logicalSize,
    QString* error = nullptr, const Provenance& provenance = {});

// The exports take no ownership of the chart. It is laid out at logicalSize in a private scene for the
// rendering and then put back where it was (its scene, parent item and geometry), so a chart shown in a
// QChartView can be exported; the view is relaid when the chart returns.

// The chart at logicalSize on white, as an image of logicalSize x scale pixels with device pixel ratio
// `scale`. A null image when chart is null, the size is empty or scale is not positive.
QImage renderChartImage(QChart* chart, QSize logicalSize, qreal scale);

// Writes renderChartImage() as a PNG through QSaveFile, so the file appears whole or not at all. On failure
// (e.g. a missing directory) returns false, sets *error (when given) and leaves nothing behind.
bool exportChartPng(QChart* chart, const QString& path, QSize logicalSize, qreal scale, QString* error = nullptr,
    const Provenance& provenance = {});

// The chart as SVG at logicalSize (width, height and viewBox), same layout as the PNG, generated in memory
// and written through QSaveFile. Failure as for exportChartPng().
bool exportChartSvg(
    QChart* chart, const QString& path, QSize logicalSize, QString* error = nullptr, const Provenance& provenance = {});

// An image already rendered (a window's widgets, say) as a PNG with the provenance stamped as every export's is (text
// chunks, a caption band), written through QSaveFile. False, with *error, when it cannot be encoded or written.
bool exportImagePng(
    const QImage& image, const QString& path, QString* error = nullptr, const Provenance& provenance = {});

// Writes data through QSaveFile (a temporary next to the target, renamed on commit), so a failure never leaves
// a half-written file. The one atomic write the charts, the deal graph and the window's exports share.
bool saveAtomically(const QString& path, const QByteArray& data, QString* error = nullptr);

} // namespace haggle::charts
