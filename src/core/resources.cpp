// Bundle arithmetic and valuation (see resources.h).
#include "resources.h"

namespace haggle {

std::string_view resourceKindName(ResourceKind kind) noexcept
{
    switch (kind) {
    case ResourceKind::Gpu:
        return "gpu";
    case ResourceKind::Cpu:
        return "cpu";
    case ResourceKind::Memory:
        return "memory";
    }
    return "?";
}

double ResourceBundle::operator[](ResourceKind kind) const noexcept
{
    switch (kind) {
    case ResourceKind::Gpu:
        return gpu;
    case ResourceKind::Cpu:
        return cpu;
    case ResourceKind::Memory:
        return memory;
    }
    return 0.0;
}

double& ResourceBundle::operator[](ResourceKind kind) noexcept
{
    switch (kind) {
    case ResourceKind::Cpu:
        return cpu;
    case ResourceKind::Memory:
        return memory;
    case ResourceKind::Gpu:
        break;
    }
    return gpu;
}

ResourceBundle& ResourceBundle::operator+=(const ResourceBundle& other) noexcept
{
    gpu += other.gpu;
    cpu += other.cpu;
    memory += other.memory;
    return *this;
}

ResourceBundle& ResourceBundle::operator-=(const ResourceBundle& other) noexcept
{
    gpu -= other.gpu;
    cpu -= other.cpu;
    memory -= other.memory;
    return *this;
}

ResourceBundle& ResourceBundle::operator*=(double factor) noexcept
{
    gpu *= factor;
    cpu *= factor;
    memory *= factor;
    return *this;
}

bool ResourceBundle::covers(const ResourceBundle& need) const noexcept
{
    return need.gpu <= gpu && need.cpu <= cpu && need.memory <= memory;
}

bool ResourceBundle::isZero() const noexcept
{
    return gpu == 0.0 && cpu == 0.0 && memory == 0.0;
}

bool ResourceBundle::isNonNegative() const noexcept
{
    return gpu >= 0.0 && cpu >= 0.0 && memory >= 0.0;
}

double ResourceBundle::units() const noexcept
{
    return gpu + cpu + memory;
}

double ResourceBundle::value(const ReferencePrices& prices) const noexcept
{
    return gpu * prices[ResourceKind::Gpu] + cpu * prices[ResourceKind::Cpu] + memory * prices[ResourceKind::Memory];
}

} // namespace haggle
