// The LLM settings dialog (see llmsettingsdialog.h).
#include "llmsettingsdialog.h"

#include "kinds.h"
#include "llmnegotiator.h"
#include "llmprompt.h"
#include "openaiclient.h"
#include "qtext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cstdlib>
#include <thread>

namespace haggle::ui {

LlmSettingsDialog::LlmSettingsDialog(const LanguageModelSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_baseUrl(new QLineEdit)
    , m_model(new QLineEdit)
    , m_apiKeyEnv(new QLineEdit)
    , m_keyState(new QLabel)
    , m_prompt(new QComboBox)
    , m_fallback(new QComboBox)
    , m_temperature(new QDoubleSpinBox)
    , m_maxTokens(new QSpinBox)
    , m_timeout(new QDoubleSpinBox)
    , m_retries(new QSpinBox)
    , m_jsonMode(new QCheckBox(QStringLiteral("Ask for a JSON object (response_format)")))
    , m_test(new QPushButton(QStringLiteral("&Test Connection")))
    , m_connection(new QLabel)
{
    setWindowTitle(QStringLiteral("LLM Negotiators"));
    setObjectName(QStringLiteral("llmSettingsDialog"));
    auto* form = new QFormLayout;
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setToolTip(QStringLiteral("An OpenAI-compatible server's API root: llama.cpp's llama-server "
                                         "(http://127.0.0.1:8080/v1), Ollama (http://127.0.0.1:11434/v1), vLLM, ..."));
    m_model->setObjectName(QStringLiteral("model"));
    m_model->setToolTip(
        QStringLiteral("The model name sent with each call (Test Connection lists what the server serves)"));
    m_apiKeyEnv->setObjectName(QStringLiteral("apiKeyEnv"));
    m_apiKeyEnv->setToolTip(QStringLiteral("The environment variable holding the API key. The key itself is never "
                                           "stored in a scenario or a recording."));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_apiKeyEnv, 1);
    keyRow->addWidget(m_keyState);
    m_prompt->setObjectName(QStringLiteral("prompt"));
    m_prompt->setEditable(true);
    for (const lab::BuiltinPrompt& p : lab::builtinPrompts())
        m_prompt->addItem(toQString(p.key));
    m_prompt->setToolTip(QStringLiteral("A shipped prompt variant, or a template file (Browse...)"));
    auto* browse = new QPushButton(QStringLiteral("&Browse..."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, QStringLiteral("Prompt Template"), QString(), QStringLiteral("Prompt templates (*.prompt *.txt)"));
        if (!file.isEmpty())
            m_prompt->setEditText(file);
    });
    auto* promptRow = new QHBoxLayout;
    promptRow->addWidget(m_prompt, 1);
    promptRow->addWidget(browse);
    m_fallback->setObjectName(QStringLiteral("fallback"));
    for (const KindInfo& k : strategyCatalog().infos()) {
        if (k.name != LlmNegotiator::Name)
            m_fallback->addItem(toQString(k.name));
    }
    m_fallback->setToolTip(QStringLiteral("The rule strategy that decides when the model gives no usable answer"));
    m_temperature->setObjectName(QStringLiteral("temperature"));
    m_temperature->setRange(0.0, 2.0);
    m_temperature->setSingleStep(0.1);
    m_maxTokens->setObjectName(QStringLiteral("maxTokens"));
    m_maxTokens->setRange(1, 32768);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(0.1, 3600.0);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_retries->setObjectName(QStringLiteral("retries"));
    m_retries->setRange(0, 10);
    m_retries->setToolTip(QStringLiteral("Further attempts after an unusable reply or a failed call"));
    m_jsonMode->setObjectName(QStringLiteral("jsonMode"));
    form->addRow(QStringLiteral("Server &URL:"), m_baseUrl);
    form->addRow(QStringLiteral("&Model:"), m_model);
    // A row of several widgets takes its label's mnemonic through a buddy.
    auto* keyLabel = new QLabel(QStringLiteral("API &key variable:"));
    keyLabel->setBuddy(m_apiKeyEnv);
    form->addRow(keyLabel, keyRow);
    auto* promptLabel = new QLabel(QStringLiteral("&Prompt:"));
    promptLabel->setBuddy(m_prompt);
    form->addRow(promptLabel, promptRow);
    form->addRow(QStringLiteral("&Fallback strategy:"), m_fallback);
    form->addRow(QStringLiteral("T&emperature:"), m_temperature);
    form->addRow(QStringLiteral("Max t&okens:"), m_maxTokens);
    form->addRow(QStringLiteral("T&imeout per call:"), m_timeout);
    form->addRow(QStringLiteral("&Retries:"), m_retries);
    form->addRow(QString(), m_jsonMode);

    m_test->setObjectName(QStringLiteral("testConnection"));
    m_connection->setObjectName(QStringLiteral("connectionState"));
    m_connection->setWordWrap(true);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_connection, 1);
    connect(m_test, &QPushButton::clicked, this, &LlmSettingsDialog::testConnection);
    connect(m_apiKeyEnv, &QLineEdit::textChanged, this, &LlmSettingsDialog::showKeyState);

    auto* buttons
        = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
        [this] { setSettings(LanguageModelSettings {}); });
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(QStringLiteral("The scenario's LLM agents ask this model for their offers and answers; "
                                            "when it gives no usable answer, the fallback strategy decides. Every "
                                            "call is recorded, so a run replays exactly (docs/llm.md)."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(buttons);
    setSettings(settings);
    resize(560, sizeHint().height());
}

LlmSettingsDialog::~LlmSettingsDialog()
{
    *m_gone = true;
}

void LlmSettingsDialog::setSettings(const LanguageModelSettings& s)
{
    m_baseUrl->setText(toQString(s.baseUrl));
    m_model->setText(toQString(s.model));
    m_apiKeyEnv->setText(toQString(s.apiKeyEnv));
    m_prompt->setEditText(toQString(s.prompt));
    m_fallback->setCurrentText(toQString(s.fallback));
    m_temperature->setValue(s.temperature);
    m_maxTokens->setValue(s.maxTokens);
    m_timeout->setValue(s.timeoutSeconds);
    m_retries->setValue(s.retries);
    m_jsonMode->setChecked(s.jsonMode);
    showKeyState();
}

LanguageModelSettings LlmSettingsDialog::settings() const
{
    LanguageModelSettings s;
    s.baseUrl = m_baseUrl->text().trimmed().toStdString();
    s.model = m_model->text().trimmed().toStdString();
    s.apiKeyEnv = m_apiKeyEnv->text().trimmed().toStdString();
    s.prompt = m_prompt->currentText().trimmed().toStdString();
    s.fallback = m_fallback->currentText().toStdString();
    s.temperature = m_temperature->value();
    s.maxTokens = m_maxTokens->value();
    s.timeoutSeconds = m_timeout->value();
    s.retries = m_retries->value();
    s.jsonMode = m_jsonMode->isChecked();
    return s;
}

void LlmSettingsDialog::showKeyState()
{
    const QByteArray name = m_apiKeyEnv->text().trimmed().toUtf8();
    const char* value = name.isEmpty() ? nullptr : std::getenv(name.constData());
    m_keyState->setText(value && *value ? QStringLiteral("set") : QStringLiteral("not set (no key sent)"));
}

void LlmSettingsDialog::testConnection()
{
    m_test->setEnabled(false);
    m_connection->setText(QStringLiteral("Asking %1 for its models...").arg(m_baseUrl->text()));
    const LanguageModelSettings s = settings();
    const QPointer<LlmSettingsDialog> self(this);
    const auto gone = m_gone;
    std::thread([s, self, gone] {
        const net::EndpointProbe probe = net::probeEndpoint(s);
        if (gone->load())
            return;
        const QString message = toQString(probe.message);
        const bool ok = probe.reachable && probe.modelServed;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, message, ok] {
                if (!self)
                    return;
                self->m_test->setEnabled(true);
                self->m_connection->setText(message);
                emit self->testFinished(message, ok);
            },
            Qt::QueuedConnection);
    }).detach();
}

} // namespace haggle::ui
