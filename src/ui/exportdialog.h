// Export options: image size and pixel scale (and, for a single view, PNG or SVG). The path itself comes from a
// file or folder chooser afterwards.
#pragma once

#include <QDialog>
#include <QSize>

class QComboBox;
class QSpinBox;

namespace haggle::ui {

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    enum class Format { Png, Svg };

    // withFormat: offer PNG or SVG (single view); without it the dialog only sets size and scale (Export all).
    ExportDialog(const QString& title, bool withFormat, QWidget* parent = nullptr);

    QSize logicalSize() const;
    qreal scale() const;
    Format format() const;

    void setLogicalSize(QSize size);
    void setScale(qreal scale);

private:
    QComboBox* m_format = nullptr;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QComboBox* m_scale;
};

} // namespace haggle::ui
