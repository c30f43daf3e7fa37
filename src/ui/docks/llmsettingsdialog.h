// The LLM negotiators' settings (a scenario's llm block, docs/llm.md) in a form: the endpoint, the model, the
// environment variable the API key is read from (whether it is set is shown; the key itself never is), the prompt
// variant or template file, the fallback strategy, sampling, timeout, retries and JSON mode; Restore Defaults; and Test
// Connection, which asks the endpoint for its models on a thread of its own and says what it found. The Agents dock
// opens it (its LLM button, or the Parameters cell of an LLM agent).
#pragma once

#include "languagemodel.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace haggle::ui {

class LlmSettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit LlmSettingsDialog(const LanguageModelSettings& settings, QWidget* parent = nullptr);
    ~LlmSettingsDialog() override;

    // What the form says now.
    LanguageModelSettings settings() const;
    void setSettings(const LanguageModelSettings& settings);
    // Asks {base_url}/models; testFinished() follows with the message shown.
    void testConnection();
    QLabel* connectionLabel() const noexcept { return m_connection; }

signals:
    void testFinished(const QString& message, bool ok);

private:
    void showKeyState();

    QLineEdit* m_baseUrl;
    QLineEdit* m_model;
    QLineEdit* m_apiKeyEnv;
    QLabel* m_keyState;
    QComboBox* m_prompt;
    QComboBox* m_fallback;
    QDoubleSpinBox* m_temperature;
    QSpinBox* m_maxTokens;
    QDoubleSpinBox* m_timeout;
    QSpinBox* m_retries;
    QCheckBox* m_jsonMode;
    QPushButton* m_test;
    QLabel* m_connection;
    // Set when the dialog goes: a probe still running then reports to nobody.
    std::shared_ptr<std::atomic<bool>> m_gone = std::make_shared<std::atomic<bool>>(false);
};

} // namespace haggle::ui
