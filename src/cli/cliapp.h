// The command-line application: argument parsing and the commands (experiment, run, validate, list).
#pragma once

#include <QStringList>

#include <cstdio>

namespace haggle::cli {

enum ExitCode { Success = 0, WriteFailure = 1, BadInput = 2 };

class CliApp {
public:
    CliApp(std::FILE* out, std::FILE* err);
    int run(const QStringList& arguments);

private:
    int experiment(const QStringList& arguments);
    int runScenario(const QStringList& arguments);
    int validate(const QStringList& arguments);
    int list(const QStringList& arguments);
    int usage(const QString& problem);
    void print(const QString& text);
    void print(const std::string& text);
    void error(const QString& text);

    std::FILE* m_out;
    std::FILE* m_err;
};

QString usageText();

} // namespace haggle::cli
