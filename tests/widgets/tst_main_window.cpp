// The main window end to end: loading models into the layer table, filtering, sorting, the
// properties dock, recent files, drag and drop and load errors. Expected values are facts about the models
// (resources/example/README.md lists the example's nodes), not recomputed figures.

#include "LayersPage.h"
#include "MainWindow.h"
#include "ModelDocument.h"
#include "PropertiesDock.h"
#include "RecentFilesMenu.h"
#include "itemmodels/LayerPropertiesModel.h"
#include "itemmodels/LayerTableModel.h"

#include "DropFiles.h"
#include "FreshMainWindow.h"
#include "TestSettings.h"

#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <memory>

using foldwise::gui::LayerPropertiesModel;
using foldwise::gui::LayerTableModel;
using foldwise::gui::MainWindow;
using foldwise::gui::ModelDocument;
using foldwise::gui::RecentFilesMenu;

namespace {

QString exampleModel()
{
    return QStringLiteral(FOLDWISE_SOURCE_DIR "/resources/example/digits_cnn.onnx");
}

// A reference model the build writes (tests/models).
QString generatedModel(const QString& fileName)
{
    return QStringLiteral(FOLDWISE_MODELS_DIR "/") + fileName;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsOneRowPerNode();
    void showsResNet18();
    void opensBundledExample();
    void filtersByNameOrOpType_data();
    void filtersByNameOrOpType();
    void sortsByMacsNumerically();
    void selectionFillsProperties();
    void badFileKeepsPreviousModel();
    void missingFileReportsError();
    void remembersRecentFiles();
    void opensDroppedModel();

private:
    QTableView* table() const { return window_->findChild<QTableView*>(QStringLiteral("layerTable")); }
    QLineEdit* filter() const { return window_->findChild<QLineEdit*>(QStringLiteral("layerFilter")); }
    int rowOfName(const QString& name) const;

    std::unique_ptr<MainWindow> window_;
};

void TestMainWindow::initTestCase()
{
    fixtures::useTestSettings(QStringLiteral("tst_main_window"));
    QVERIFY2(QFileInfo::exists(exampleModel()), qPrintable(exampleModel()));
}

void TestMainWindow::init()
{
    window_ = fixtures::freshMainWindow();
    QVERIFY(table());
    QVERIFY(filter());
}

void TestMainWindow::cleanup()
{
    window_.reset();
}

int TestMainWindow::rowOfName(const QString& name) const
{
    const QAbstractItemModel* model = table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, LayerTableModel::NameColumn).data().toString() == name)
            return row;
    return -1;
}

void TestMainWindow::showsOneRowPerNode()
{
    QSignalSpy changed(window_->document(), &ModelDocument::modelChanged);
    QVERIFY(window_->openFile(exampleModel()));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(table()->model()->rowCount(), 12);
    QCOMPARE(table()->model()->columnCount(), int(LayerTableModel::ColumnCount));
    QCOMPARE(window_->windowTitle(), QStringLiteral("digits_cnn.onnx — Foldwise"));
    // Topological order by default: the first node is the first convolution.
    QCOMPARE(table()->model()->index(0, LayerTableModel::NameColumn).data().toString(),
             QStringLiteral("/features/features.0/Conv"));
    QCOMPARE(table()->model()->index(0, LayerTableModel::OpTypeColumn).data().toString(), QStringLiteral("Conv"));
    QCOMPARE(table()->model()->index(0, LayerTableModel::OutputShapeColumn).data().toString(),
             QStringLiteral("1x16x8x8"));
}

void TestMainWindow::showsResNet18()
{
    const QString path = generatedModel(QStringLiteral("resnet18.onnx"));
    QVERIFY(window_->openFile(path));
    QCOMPARE(table()->model()->rowCount(), 49);
    QCOMPARE(window_->windowTitle(), QStringLiteral("resnet18.onnx — Foldwise"));
}

void TestMainWindow::opensBundledExample()
{
    QVERIFY(window_->openBundledExample());
    QVERIFY(window_->document()->isBundledExample());
    QCOMPARE(table()->model()->rowCount(), 12);
    QCOMPARE(window_->windowTitle(), QStringLiteral("digits_cnn.onnx — Foldwise"));
    // The temporary copy is not worth remembering.
    QVERIFY(QSettings().value(QStringLiteral("recentFiles")).toStringList().isEmpty());
}

void TestMainWindow::filtersByNameOrOpType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    // The example has 3 Conv, 4 Relu, 2 MaxPool, 1 Flatten and 2 Gemm nodes; the classifier
    // has 4 nodes (classifier.0 .. classifier.3).
    QTest::newRow("Conv") << QStringLiteral("Conv") << 3;
    QTest::newRow("case-insensitive") << QStringLiteral("gemm") << 2;
    QTest::newRow("relu") << QStringLiteral("RELU") << 4;
    QTest::newRow("name part") << QStringLiteral("classifier") << 4;
    QTest::newRow("one node") << QStringLiteral("features.4/") << 1;
    QTest::newRow("no match") << QStringLiteral("LSTM") << 0;
    QTest::newRow("empty") << QString() << 12;
}

void TestMainWindow::filtersByNameOrOpType()
{
    QFETCH(QString, text);
    QFETCH(int, rows);
    QVERIFY(window_->openFile(exampleModel()));
    filter()->setText(text);
    QCOMPARE(table()->model()->rowCount(), rows);
    for (int row = 0; row < table()->model()->rowCount(); ++row) {
        const QString name = table()->model()->index(row, LayerTableModel::NameColumn).data().toString();
        const QString op = table()->model()->index(row, LayerTableModel::OpTypeColumn).data().toString();
        QVERIFY2(name.contains(text, Qt::CaseInsensitive) || op.contains(text, Qt::CaseInsensitive),
                 qPrintable(name));
    }
    filter()->clear();
    QCOMPARE(table()->model()->rowCount(), 12);
}

void TestMainWindow::sortsByMacsNumerically()
{
    QVERIFY(window_->openFile(exampleModel()));
    QAbstractItemModel* model = table()->model();

    table()->sortByColumn(LayerTableModel::MacsColumn, Qt::DescendingOrder);
    // features.2 has 32x8x8 outputs x 16x3x3 = 294,912 MACs, features.5 32x4x4 x 32x3x3 =
    // 147,456 and features.0 16x8x8 x 1x3x3 = 9,216; sorting the text would put "9,216" first.
    QCOMPARE(model->index(0, LayerTableModel::NameColumn).data().toString(), QStringLiteral("/features/features.2/Conv"));
    QCOMPARE(model->index(0, LayerTableModel::MacsColumn).data(LayerTableModel::SortRole).toLongLong(), 294912LL);
    QCOMPARE(model->index(1, LayerTableModel::NameColumn).data().toString(), QStringLiteral("/features/features.5/Conv"));
    QCOMPARE(model->index(2, LayerTableModel::NameColumn).data().toString(), QStringLiteral("/features/features.0/Conv"));

    table()->sortByColumn(LayerTableModel::MacsColumn, Qt::AscendingOrder);
    QCOMPARE(model->index(model->rowCount() - 1, LayerTableModel::NameColumn).data().toString(),
             QStringLiteral("/features/features.2/Conv"));

    // Back to topological order.
    table()->sortByColumn(LayerTableModel::IndexColumn, Qt::AscendingOrder);
    QCOMPARE(model->index(0, LayerTableModel::NameColumn).data().toString(), QStringLiteral("/features/features.0/Conv"));
    QCOMPARE(model->index(11, LayerTableModel::NameColumn).data().toString(),
             QStringLiteral("/classifier/classifier.3/Gemm"));
}

void TestMainWindow::selectionFillsProperties()
{
    QVERIFY(window_->openFile(exampleModel()));
    const LayerPropertiesModel* properties = window_->propertiesDock()->propertiesModel();
    const auto contains = [properties](const QString& text) {
        return !properties
                    ->match(properties->index(0, 0), Qt::DisplayRole, text, 1, Qt::MatchExactly | Qt::MatchRecursive)
                    .isEmpty()
            || !properties
                    ->match(properties->index(0, LayerPropertiesModel::ValueColumn), Qt::DisplayRole, text, 1,
                            Qt::MatchExactly | Qt::MatchRecursive)
                    .isEmpty();
    };

    const QString gemm = QStringLiteral("/classifier/classifier.1/Gemm");
    const int row = rowOfName(gemm);
    QVERIFY(row >= 0);
    table()->selectRow(row);
    QVERIFY(contains(gemm));
    QVERIFY(contains(QStringLiteral("Gemm")));
    QVERIFY(contains(QStringLiteral("classifier.1.weight"))); // an input tensor
    QVERIFY(!contains(QStringLiteral("/features/features.0/Conv")));

    const QString conv = QStringLiteral("/features/features.2/Conv");
    table()->selectRow(rowOfName(conv));
    QVERIFY(contains(conv));
    QVERIFY(!contains(gemm));
    QVERIFY(contains(QStringLiteral("kernel_shape"))); // a node attribute
    QVERIFY(contains(QStringLiteral("features.2.weight")));

    // When a filter hides the selected row, the view selects a visible one (Qt's single
    // selection behaviour) and the panel follows it; with no rows left, the panel is empty.
    filter()->setText(QStringLiteral("Gemm"));
    const QModelIndexList selected = table()->selectionModel()->selectedRows(LayerTableModel::NameColumn);
    QCOMPARE(selected.size(), 1);
    QVERIFY(contains(selected.first().data().toString()));
    QVERIFY(!contains(conv));
    filter()->setText(QStringLiteral("LSTM"));
    QCOMPARE(properties->rowCount(), 0);
}

void TestMainWindow::badFileKeepsPreviousModel()
{
    QVERIFY(window_->openFile(exampleModel()));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString empty = dir.filePath(QStringLiteral("empty.onnx"));
    {
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }

    QSignalSpy failed(window_->document(), &ModelDocument::loadFailed);
    QSignalSpy changed(window_->document(), &ModelDocument::modelChanged);
    QVERIFY(!window_->openFile(empty));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(failed.at(0).at(0).toString(), empty);
    QVERIFY2(failed.at(0).at(1).toString().contains(QStringLiteral("empty.onnx")),
             qPrintable(failed.at(0).at(1).toString()));

    QCOMPARE(table()->model()->rowCount(), 12);
    QCOMPARE(window_->windowTitle(), QStringLiteral("digits_cnn.onnx — Foldwise"));
    QCOMPARE(QFileInfo(window_->document()->filePath()).fileName(), QStringLiteral("digits_cnn.onnx"));
}

void TestMainWindow::missingFileReportsError()
{
    QSignalSpy failed(window_->document(), &ModelDocument::loadFailed);
    QVERIFY(!window_->openFile(QStringLiteral("/nonexistent/model.onnx")));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!window_->document()->hasModel());
    QCOMPARE(table()->model()->rowCount(), 0);
}

void TestMainWindow::remembersRecentFiles()
{
    auto* recent = window_->findChild<RecentFilesMenu*>();
    QVERIFY(recent);
    QVERIFY(recent->files().isEmpty());
    QVERIFY(window_->openFile(exampleModel()));
    QCOMPARE(recent->files(), QStringList{QFileInfo(exampleModel()).absoluteFilePath()});

    // Opening the same file again does not duplicate it; the list is capped.
    QVERIFY(window_->openFile(exampleModel()));
    QCOMPARE(recent->files().size(), 1);
    for (int i = 0; i < RecentFilesMenu::kMaxFiles + 3; ++i)
        recent->addFile(QStringLiteral("/nonexistent/model%1.onnx").arg(i));
    QCOMPARE(recent->files().size(), RecentFilesMenu::kMaxFiles);
    QCOMPARE(recent->files().first(), QStringLiteral("/nonexistent/model%1.onnx").arg(RecentFilesMenu::kMaxFiles + 2));

    // A file that fails to load is dropped from the list.
    QVERIFY(!window_->openFile(QStringLiteral("/nonexistent/model12.onnx")));
    QVERIFY(!recent->files().contains(QStringLiteral("/nonexistent/model12.onnx")));

    recent->clearFiles();
    QVERIFY(recent->files().isEmpty());
}

void TestMainWindow::opensDroppedModel()
{
    QVERIFY(!fixtures::dropFile(window_.get(), QStringLiteral("/tmp/notes.txt")).dragAccepted);

    const fixtures::DropOutcome model = fixtures::dropFile(window_.get(), exampleModel());
    QVERIFY(model.dragAccepted);
    QVERIFY(model.dropAccepted);
    QTRY_COMPARE(table()->model()->rowCount(), 12); // opened once the drop has returned
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
