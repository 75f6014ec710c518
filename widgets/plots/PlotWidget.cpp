#include "plots/PlotWidget.h"

#include "analysis/IterationCache.h"
#include "analysis/LayerAnalysis.h"
#include "plots/PlotExport.h"
#include "plots/PlotStyle.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace foldwise::gui::plots {
namespace {

const QString kExportDirectoryKey = QStringLiteral("plots/exportDirectory");

} // namespace

PlotWidget::PlotWidget(const QString& title, QWidget* parent)
    : QWidget(parent)
    , title_(new QLabel(title, this))
    , stack_(new QStackedWidget(this))
    , message_(new QLabel(this))
    , plot_(new QCustomPlot(this))
    , shade_(new QCPItemRect(plot_))
{
    // A long title (or a long translation) is cut rather than pushing into the buttons.
    title_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    title_->setToolTip(title);
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    title_->setFont(titleFont);

    auto makeButton = [this](const QString& text, const QString& tip) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    QToolButton* fit = makeButton(tr("Fit"), tr("Show all the data again after zooming or panning"));
    QToolButton* exportButton = makeButton(tr("Export…"), tr("Save the plot as PNG, PDF or SVG"));
    QToolButton* copy = makeButton(tr("Copy"), tr("Copy the plot to the clipboard as an image"));
    exportButton->setObjectName(QStringLiteral("exportPlot"));
    connect(fit, &QToolButton::clicked, this, &PlotWidget::fitView);
    connect(exportButton, &QToolButton::clicked, this, &PlotWidget::showExportDialog);
    connect(copy, &QToolButton::clicked, this, &PlotWidget::copyToClipboard);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 2, 0);
    bar->addWidget(title_, 1);
    bar->addWidget(fit);
    bar->addWidget(exportButton);
    bar->addWidget(copy);

    message_->setAlignment(Qt::AlignCenter);
    message_->setWordWrap(true);
    message_->setEnabled(false); // greyed: a hint, not content
    stack_->addWidget(message_);
    stack_->addWidget(plot_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(stack_, 1);

    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);
    plot_->setMinimumSize(200, 150);
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
    // The selection band: x in plot coordinates, y the whole axis rect, drawn under the grid.
    shade_->setLayer(QStringLiteral("background"));
    shade_->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
    shade_->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    shade_->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
    shade_->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    shade_->setPen(Qt::NoPen);
    shade_->setBrush(QColor(0xff, 0x8c, 0x00, 60));
    shade_->setSelectable(false);
    shade_->setVisible(false);
    connect(plot_, &QCustomPlot::mouseMove, this, &PlotWidget::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &PlotWidget::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &PlotWidget::onMouseRelease);
    style::applyDefaults(plot_);
    setMinimumSize(240, 180);
}

QString PlotWidget::title() const
{
    return title_->text();
}

void PlotWidget::setTitle(const QString& title)
{
    title_->setText(title);
}

QString PlotWidget::suggestedFileName() const
{
    QString name = title_->text().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    return name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
}

void PlotWidget::setHasData(bool hasData, const QString& message)
{
    hasData_ = hasData;
    message_->setText(message);
    stack_->setCurrentWidget(hasData ? static_cast<QWidget*>(plot_) : message_);
}

void PlotWidget::setHorizontalOnly(bool horizontalOnly)
{
    const Qt::Orientations o = horizontalOnly ? Qt::Horizontal : Qt::Horizontal | Qt::Vertical;
    plot_->axisRect()->setRangeDrag(o);
    plot_->axisRect()->setRangeZoom(o);
}

void PlotWidget::shadeBand(bool visible, double centre, double halfWidth)
{
    shade_->setVisible(visible);
    shade_->topLeft->setCoords(centre - halfWidth, 0);
    shade_->bottomRight->setCoords(centre + halfWidth, 1);
}

void PlotWidget::replotLater()
{
    if (plot_->isVisible())
        plot_->replot(QCustomPlot::rpQueuedReplot);
    else
        replotPending_ = true;
}

bool PlotWidget::eventFilter(QObject* watched, QEvent* event)
{
    // The plot comes on screen (its tab, or in place of the placeholder): draw what it missed.
    if (watched == plot_ && event->type() == QEvent::Show && replotPending_) {
        replotPending_ = false;
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
    return QWidget::eventFilter(watched, event);
}

void PlotWidget::setCurrentLayer(int layerIndex)
{
    if (layerIndex == currentLayer_)
        return;
    currentLayer_ = layerIndex;
    currentLayerChanged();
}

void PlotWidget::fitAxes()
{
    plot_->rescaleAxes();
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        const QCPRange r = axis->range();
        const double margin = r.size() > 0 ? r.size() * 0.05 : 1.0;
        axis->setRange(r.lower - margin, r.upper + margin);
    }
}

void PlotWidget::fitView()
{
    fitAxes();
    plot_->replot();
}

QString PlotWidget::toolTipAt(const QPointF&) const
{
    return {};
}

int PlotWidget::layerAt(const QPointF&) const
{
    return -1;
}

bool PlotWidget::exportTo(const QString& path, QString* error)
{
    return exportPlot(plot_, path, error);
}

void PlotWidget::copyToClipboard()
{
    QApplication::clipboard()->setImage(plotImage(plot_));
}

void PlotWidget::showExportDialog()
{
    QSettings settings;
    const QString start = QDir(settings.value(kExportDirectoryKey, QDir::homePath()).toString())
                              .filePath(suggestedFileName() + QStringLiteral(".png"));
    QString filter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Plot"), start, plotExportFilter(), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) // the filter's type when none was typed
        path += filter.contains(QLatin1String("*.pdf")) ? QStringLiteral(".pdf")
                : filter.contains(QLatin1String("*.svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    settings.setValue(kExportDirectoryKey, QFileInfo(path).absolutePath());
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::critical(this, tr("Cannot Export Plot"), error);
}

void PlotWidget::onMouseMove(QMouseEvent* event)
{
    if (event->buttons() != Qt::NoButton)
        return; // panning
    const QPointF coords(plot_->xAxis->pixelToCoord(event->position().x()),
                         plot_->yAxis->pixelToCoord(event->position().y()));
    const QString text = plot_->axisRect()->rect().contains(event->position().toPoint()) ? toolTipAt(coords) : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void PlotWidget::onMousePress(QMouseEvent* event)
{
    pressPos_ = event->position().toPoint();
}

void PlotWidget::onMouseRelease(QMouseEvent* event)
{
    // A click, not the end of a pan, picks the layer under the pointer.
    if (event->button() != Qt::LeftButton || (event->position().toPoint() - pressPos_).manhattanLength() > 4)
        return;
    const QPointF coords(plot_->xAxis->pixelToCoord(event->position().x()),
                         plot_->yAxis->pixelToCoord(event->position().y()));
    const int layer = layerAt(coords);
    if (layer >= 0)
        emit layerClicked(layer);
}

LayerAnalysisPlot::LayerAnalysisPlot(const QString& title, Needs needs, QWidget* parent)
    : PlotWidget(title, parent), needs_(needs)
{
}

void LayerAnalysisPlot::setAnalysis(std::shared_ptr<const LayerAnalysis> current, std::shared_ptr<const LayerAnalysis> compared)
{
    current_ = current && draws(*current) ? std::move(current) : nullptr;
    compared_ = compared && compares(*compared) ? std::move(compared) : nullptr;
    redraw();
}

void LayerAnalysisPlot::redraw()
{
    rebuild();
    fitAxes();
    replotLater();
}

bool LayerAnalysisPlot::draws(const LayerAnalysis& analysis) const
{
    return needs_ == Needs::Anything || analysis.design();
}

bool LayerAnalysisPlot::compares(const LayerAnalysis& compared) const
{
    return draws(compared);
}

const LayerAnalysisRow* LayerAnalysisPlot::selectedRow(const std::shared_ptr<const LayerAnalysis>& analysis) const
{
    const int layer = currentLayer();
    return analysis && layer >= 0 && layer < analysis->layerCount() ? &analysis->row(layer) : nullptr;
}

const ConvWindowZeros* LayerAnalysisPlot::selectedConvolution(const std::shared_ptr<const LayerAnalysis>& analysis) const
{
    const LayerAnalysisRow* row = selectedRow(analysis);
    return row ? row->conv : nullptr;
}

int LayerAnalysisPlot::selectedHardwareLayer() const
{
    const LayerAnalysisRow* row = selectedRow(current_);
    return row ? row->hardwareLayer : -1;
}

int LayerBarsPlot::categoryAt(double x) const
{
    return style::categoryAt(x, categoryCount(), 0.45);
}

int LayerBarsPlot::layerAt(const QPointF& coords) const
{
    const int c = categoryAt(coords.x());
    return c < 0 ? -1 : layers_[static_cast<std::size_t>(c)];
}

RunLogPlot::RunLogPlot(const QString& title, QWidget* parent)
    : PlotWidget(title, parent)
{
    connect(plot(), &QCustomPlot::mouseRelease, this, &RunLogPlot::onClicked);
}

void RunLogPlot::setRunLog(std::shared_ptr<const sweep::RunDirectory> run)
{
    run_ = std::move(run);
    rebuild();
    fitAxes();
    replotLater();
}

int RunLogPlot::iterationAt(const QPointF&) const
{
    return -1;
}

const RunIteration* RunLogPlot::iteration(int index) const
{
    return findIteration(run_.get(), index);
}

void RunLogPlot::onClicked(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int it = iterationAt({plot()->xAxis->pixelToCoord(event->position().x()), plot()->yAxis->pixelToCoord(event->position().y())});
    if (it >= 0)
        emit iterationClicked(it);
}

} // namespace foldwise::gui::plots
