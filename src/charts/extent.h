// The smallest and largest finite value seen, for fitting an axis to the data of a chart.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace haggle::charts {

class Extent {
public:
    void add(double value)
    {
        if (!std::isfinite(value))
            return;
        m_lo = std::min(m_lo, value);
        m_hi = std::max(m_hi, value);
    }
    bool isEmpty() const { return m_lo > m_hi; }
    double lo() const { return m_lo; }
    double hi() const { return m_hi; }

private:
    double m_lo = std::numeric_limits<double>::infinity();
    double m_hi = -std::numeric_limits<double>::infinity();
};

} // namespace haggle::charts
