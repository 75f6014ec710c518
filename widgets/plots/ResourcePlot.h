#pragma once

#include "plots/PlotWidget.h"

#include <vector>

class QCPBars;
class QCPItemLine;
class QCPItemStraightLine;

namespace foldwise::gui::plots {

// The device budget and who spends it: one stacked bar per resource (DSP, BRAM, LUT, FF), each
// layer a segment of its share of the platform's total, with the 100 % line and the design's
// limit. Segments of the selected layer are outlined.
class ResourcePlot : public LayerAnalysisPlot {
    Q_OBJECT

public:
    explicit ResourcePlot(QWidget* parent = nullptr);

    // One stacked segment series per hardware layer using any resource.
    const std::vector<QCPBars*>& segments() const { return segments_; }
    // The resources shown, in category order ("DSP", "BRAM", "LUT", "FF").
    static QStringList resourceNames();
    // A hardware layer's share of the platform's resource `resource` (category index).
    double share(int hardwareLayer, int resource) const;

    QString toolTipAt(const QPointF& coords) const override;
    int layerAt(const QPointF& coords) const override;

protected:
    void rebuild() override;
    void currentLayerChanged() override;
    void fitAxes() override;

private:
    int segmentAt(const QPointF& coords) const;

    std::vector<QCPBars*> segments_;
    std::vector<int> segmentHardware_; // hardware layer of each segment series
    QCPItemStraightLine* full_;
    std::vector<QCPItemLine*> limits_;
};

} // namespace foldwise::gui::plots
