<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLine</name>
    <message>
        <source>Cannot write the screenshot to %1</source>
        <translation>Das Bildschirmfoto kann nicht nach %1 geschrieben werden</translation>
    </message>
    <message>
        <source>No translation for language &quot;%1&quot;; using English</source>
        <translation>Keine Übersetzung für die Sprache „%1“; Englisch wird verwendet</translation>
    </message>
    <message>
        <source>Workbench for tuning CNNs for streaming FPGA accelerators</source>
        <translation>Werkbank zum Abstimmen von CNNs für Streaming-FPGA-Beschleuniger</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>MODELL</translation>
    </message>
    <message>
        <source>ONNX model to open (default: the bundled example model)</source>
        <translation>Zu öffnendes ONNX-Modell (Vorgabe: das mitgelieferte Beispielmodell)</translation>
    </message>
    <message>
        <source>[MODEL]</source>
        <translation>[MODELL]</translation>
    </message>
    <message>
        <source>Open the model, save a picture of the window to FILE and quit.</source>
        <translation>Modell öffnen, ein Bild des Fensters in DATEI speichern und beenden.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>User interface language, e.g. &quot;de&quot; (default: the system&apos;s).</source>
        <translation>Sprache der Bedienoberfläche, z. B. „de“ (Vorgabe: die des Systems).</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Only one model can be opened at a time.</source>
        <translation>Es kann nur ein Modell gleichzeitig geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>DisplayText</name>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>Faltung</translation>
    </message>
    <message>
        <source>Fully connected</source>
        <translation>Vollständig verbunden</translation>
    </message>
    <message>
        <source>MatMul</source>
        <translation>MatMul</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Element-wise</source>
        <translation>Elementweise</translation>
    </message>
    <message>
        <source>Concat/split</source>
        <translation>Verketten/Teilen</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>Umformen</translation>
    </message>
    <message>
        <source>Normalisation</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstante</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>depthwise</source>
        <translation>tiefenweise</translation>
    </message>
    <message>
        <source>grouped</source>
        <translation>gruppiert</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a layer kind, %2 its variant, e.g. &quot;Convolution (depthwise)&quot;</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>graph input</source>
        <translation>Graph-Eingang</translation>
    </message>
    <message>
        <source>initializer</source>
        <translation>Initialisierer</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>No ONNX schema: kept in the graph, not executable</source>
        <translation>Kein ONNX-Schema: bleibt im Graphen, ist aber nicht ausführbar</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::LayerPropertiesModel</name>
    <message>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Op type</source>
        <translation>Operatortyp</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domäne</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingänge</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgänge</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Input shape</source>
        <translation>Eingabeform</translation>
    </message>
    <message>
        <source>First activation input</source>
        <translation>Erster Aktivierungseingang</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>First output</source>
        <translation>Erster Ausgang</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Multiply-accumulate operations per inference</source>
        <translation>Multiplizier-Akkumulier-Operationen pro Inferenz</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation>Bias-Werte</translation>
    </message>
    <message>
        <source>Input activations</source>
        <translation>Eingangsaktivierungen</translation>
    </message>
    <message>
        <source>Elements of all activation inputs</source>
        <translation>Elemente aller Aktivierungseingänge</translation>
    </message>
    <message>
        <source>Output activations</source>
        <translation>Ausgangsaktivierungen</translation>
    </message>
    <message>
        <source>Elements of all outputs</source>
        <translation>Elemente aller Ausgänge</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Geometrie</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>Strides</source>
        <translation>Schrittweiten</translation>
    </message>
    <message>
        <source>Pads</source>
        <translation>Auffüllung</translation>
    </message>
    <message>
        <source>Begin and end padding per spatial axis</source>
        <translation>Auffüllung an Anfang und Ende jeder Raumachse</translation>
    </message>
    <message>
        <source>Dilations</source>
        <translation>Dilatationen</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Input channels</source>
        <translation>Eingangskanäle</translation>
    </message>
    <message>
        <source>Output channels</source>
        <translation>Ausgangskanäle</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>(omitted)</source>
        <translation>(ausgelassen)</translation>
    </message>
    <message>
        <source>Optional operand not given</source>
        <translation>Optionaler Operand nicht angegeben</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 is an element type (&quot;float&quot;), %2 a shape (&quot;1x16x8x8&quot;)</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a tensor&apos;s type and shape, %2 its role (&quot;initializer&quot;, &quot;graph input&quot;)</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::LayerTableModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Op type</source>
        <translation>Operatortyp</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Input act.</source>
        <translation>Eingangsakt.</translation>
    </message>
    <message>
        <source>Output act.</source>
        <translation>Ausgangsakt.</translation>
    </message>
    <message>
        <source>Position in topological order</source>
        <translation>Position in topologischer Reihenfolge</translation>
    </message>
    <message>
        <source>Node name</source>
        <translation>Knotenname</translation>
    </message>
    <message>
        <source>ONNX operator</source>
        <translation>ONNX-Operator</translation>
    </message>
    <message>
        <source>Layer kind as an accelerator groups layers</source>
        <translation>Schichtart, wie ein Beschleuniger Schichten gruppiert</translation>
    </message>
    <message>
        <source>Shape of the first output</source>
        <translation>Form des ersten Ausgangs</translation>
    </message>
    <message>
        <source>Multiply-accumulate operations per inference</source>
        <translation>Multiplizier-Akkumulier-Operationen pro Inferenz</translation>
    </message>
    <message>
        <source>Elements of constant weights and biases</source>
        <translation>Elemente der konstanten Gewichte und Bias-Werte</translation>
    </message>
    <message>
        <source>Elements of all activation inputs</source>
        <translation>Elemente aller Aktivierungseingänge</translation>
    </message>
    <message>
        <source>Elements of all outputs</source>
        <translation>Elemente aller Ausgänge</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::LayersPage</name>
    <message>
        <source>Filter by name or op type</source>
        <translation>Nach Name oder Operatortyp filtern</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::MainWindow</name>
    <message>
        <source>Foldwise</source>
        <translation>Foldwise</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open an ONNX model</source>
        <translation>Ein ONNX-Modell öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Example Model</source>
        <translation>Beis&amp;pielmodell öffnen</translation>
    </message>
    <message>
        <source>Open the small digits CNN that comes with Foldwise</source>
        <translation>Das kleine Ziffern-CNN öffnen, das Foldwise beiliegt</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Filter Layers</source>
        <translation>Schichten &amp;filtern</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Foldwise</source>
        <translation>Ü&amp;ber Foldwise</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX-Modelle (*.onnx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Foldwise</source>
        <translation>Über Foldwise</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Foldwise %1&lt;/h3&gt;&lt;p&gt;A workbench for tuning convolutional neural networks for streaming FPGA accelerators.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Foldwise %1&lt;/h3&gt;&lt;p&gt;Eine Werkbank zum Abstimmen von faltenden neuronalen Netzen (CNNs) für Streaming-FPGA-Beschleuniger.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — Foldwise</source>
        <extracomment>Window title: %1 is the model&apos;s file name</extracomment>
        <translation>%1 — Foldwise</translation>
    </message>
    <message>
        <source>Cannot Open Model</source>
        <translation>Modell kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::ModelDocument</name>
    <message>
        <source>%1: cannot create a temporary directory: %2</source>
        <translation>%1: Temporäres Verzeichnis kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot copy the example model to %2: %3</source>
        <translation>%1: Das Beispielmodell kann nicht nach %2 kopiert werden: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a file path, %2 the error reported by the loader</extracomment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::PropertiesDock</name>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <extracomment>Recent file entry: %1 is the mnemonic digit, %2 the file name</extracomment>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>Liste &amp;leeren</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::SummaryStatusBar</name>
    <message>
        <source>Nodes: %1 (%2 custom)</source>
        <translation>Knoten: %1 (%2 benutzerdefiniert)</translation>
    </message>
    <message>
        <source>Nodes: %1</source>
        <translation>Knoten: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>Per-kind node count in a tooltip: %1 kind, %2 count</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>MACs: %1</source>
        <translation>MACs: %1</translation>
    </message>
    <message>
        <source>Multiply-accumulate operations per inference</source>
        <translation>Multiplizier-Akkumulier-Operationen pro Inferenz</translation>
    </message>
    <message>
        <source>Layers with unknown MACs (not counted): %1</source>
        <translation>Schichten mit unbekannten MACs (nicht mitgezählt): %1</translation>
    </message>
    <message>
        <source>Params: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <source>Elements of constant weights and biases</source>
        <translation>Elemente der konstanten Gewichte und Bias-Werte</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>Warnungen: %1</translation>
    </message>
</context>
</TS>
