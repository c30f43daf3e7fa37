// Options several haggle-cli commands share: output (--json, --out, --chart-size, --scale) and the base seed.
#pragma once

#include <QCommandLineParser>
#include <QSize>
#include <QString>

#include <optional>

namespace haggle::cli {

struct CommonOptions {
    bool json = false;
    QString out;
    QSize chartSize { 1280, 800 };
    qreal scale = 1.0;
};

// --json, --out DIR, --chart-size WxH, --scale F.
void addOutputOptions(QCommandLineParser& parser);
// --seed S and the output options (`experiment` and `run`).
void addCommonOptions(QCommandLineParser& parser);
// A whole number in [min, max], or nothing for any other text.
std::optional<long long> parseInteger(const QString& text, long long min, long long max);
// Each returns an error message, or an empty string when the options are valid.
QString readOutputOptions(const QCommandLineParser& parser, CommonOptions& options);
QString readCommonOptions(const QCommandLineParser& parser, CommonOptions& options);

} // namespace haggle::cli
