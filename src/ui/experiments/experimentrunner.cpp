// The experiment runner's thread: see experimentrunner.h.
#include "experimentrunner.h"

#include "handofffence.h"
#include "llmdialogue.h"

#include <QMetaObject>
#include <QPointer>

#include <chrono>
#include <exception>
#include <memory>

namespace haggle::ui {

ExperimentRunner::ExperimentRunner(QObject* parent)
    : QObject(parent)
{
}

ExperimentRunner::~ExperimentRunner()
{
    if (m_cancel)
        m_cancel->store(true);
    join();
}

void ExperimentRunner::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void ExperimentRunner::cancel()
{
    if (m_running && m_cancel)
        m_cancel->store(true);
}

namespace {

HandoffFence& handoffFence() noexcept
{
    static HandoffFence instance;
    return instance;
}

} // namespace

bool ExperimentRunner::start(std::unique_ptr<lab::Experiment> experiment, lab::ExperimentContext context)
{
    if (m_running || !experiment)
        return false;
    join(); // the previous run's thread has posted its last signal and is ending
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<ExperimentRunner> self(this);
    // Everything the thread reports reaches the GUI thread as a queued call on the runner, dropped if the runner is
    // gone by then (its destructor waits for the thread, so the captured pointer is never used after it).
    // The fence shows ThreadSanitizer the hand-over Qt's event queue makes (handofffence.h). It is reached without
    // reading the posted call, whose captures are what it guards.
    const auto post = [self](auto call) {
        [[maybe_unused]] const auto posting = handoffFence().posting();
        QMetaObject::invokeMethod(
            self.data(),
            [self, call = std::move(call)] {
                handoffFence().received();
                if (self)
                    call(*self);
            },
            Qt::QueuedConnection);
    };
    m_thread
        = std::jthread([post, cancelFlag, experiment = std::move(experiment), context = std::move(context)]() mutable {
              using Clock = std::chrono::steady_clock;
              Clock::time_point last;
              context.cancel = cancelFlag.get();
              context.progress = [&](double fraction, std::string_view stage) {
                  const Clock::time_point now = Clock::now();
                  if (fraction < 1.0 && now - last < std::chrono::milliseconds(50))
                      return;
                  last = now;
                  const QString text = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
                  post([fraction, text](ExperimentRunner& r) { emit r.progress(fraction, text); });
              };
              context.partial = [&](const lab::ExperimentResult& partial) {
                  auto shared = std::make_shared<const lab::ExperimentResult>(partial);
                  post([shared](ExperimentRunner& r) { emit r.partialResult(shared); });
              };
              try {
                  auto result = std::make_shared<const lab::ExperimentResult>(experiment->run(context));
                  post([result](ExperimentRunner& r) {
                      r.m_running = false;
                      emit r.finished(result);
                  });
              } catch (const lab::ExperimentCancelled&) {
                  post([](ExperimentRunner& r) {
                      r.m_running = false;
                      emit r.cancelled();
                  });
              } catch (const std::exception& e) {
                  const QString message = QString::fromStdString(e.what());
                  post([message](ExperimentRunner& r) {
                      r.m_running = false;
                      emit r.failed(message);
                  });
              } catch (...) {
                  post([](ExperimentRunner& r) {
                      r.m_running = false;
                      emit r.failed(QStringLiteral("the experiment stopped with an unknown error"));
                  });
              }
          });
    return true;
}

} // namespace haggle::ui
