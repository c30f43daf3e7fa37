// The one export dialog: what to export (the deal graph, a chart, or everything into a folder), in which format (PNG,
// SVG, CSV data, GraphML), how it looks (a size preset for a slide or a paper, pixel scale, font scale) and where it
// goes (a file, or a folder for everything; the folder is remembered and made when missing).
#pragma once

#include "chartexport.h"

#include <QDialog>
#include <QSize>
#include <QStringList>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace haggle::ui {

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    enum class Format { Png, Svg, Csv, GraphML };
    // Sizes for where the picture goes. Custom: the size, scale and font scale as set by hand.
    enum class Preset { Screen, Slide, PaperColumn, PaperPage, Custom };

    // The target key of the deal graph and of everything (charts, graph and network into a folder).
    static QString graphTarget() { return QStringLiteral("deal-graph"); }
    static QString everythingTarget() { return QStringLiteral("*everything*"); }

    // `charts`: the chart kinds (their file stems) and their titles, in the order offered after the deal graph.
    ExportDialog(const QStringList& charts, const QStringList& chartTitles, QWidget* parent = nullptr);

    void setTarget(const QString& key);
    QString target() const;
    bool exportsEverything() const { return target() == everythingTarget(); }
    void setFormat(Format format);
    Format format() const;
    QStringList formatsOffered() const; // for the target chosen, as shown

    void setPreset(Preset preset);
    Preset preset() const;
    static charts::ExportLook presetLook(Preset preset);
    charts::ExportLook look() const;
    void setLook(const charts::ExportLook& look); // and the preset it matches, else Custom

    // A file path, or a folder for everything. Set to the remembered folder and the target's file name at first.
    QString destination() const;
    void setDestination(const QString& path);
    // What the dialog refuses to accept with, or empty.
    QString problem() const;

    void accept() override;

private:
    void targetChanged();
    void formatChanged();
    void lookEdited();
    void updateDestinationName();
    void browse();
    QString suffix() const;

    QComboBox* m_target;
    QComboBox* m_format;
    QComboBox* m_preset;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QComboBox* m_scale;
    QSpinBox* m_fontScale; // percent
    QLineEdit* m_destination;
    QLineEdit* m_caption; // printed under a PNG (ExportLook::provenance.caption)
    QLabel* m_summary;
    QLabel* m_problem;
    bool m_applyingPreset = false;
};

} // namespace haggle::ui
