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
    <message>
        <source>The graph was not laid out within a minute</source>
        <translation>Der Graph wurde nicht innerhalb einer Minute angeordnet</translation>
    </message>
    <message>
        <source>Unknown metric &quot;%1&quot;; the model has: %2</source>
        <translation>Unbekannte Metrik „%1“; das Modell hat: %2</translation>
    </message>
    <message>
        <source>With --screenshot: the page to show, &quot;layers&quot; (default) or &quot;graph&quot;.</source>
        <translation>Mit --screenshot: die anzuzeigende Seite, „layers“ (Vorgabe) oder „graph“.</translation>
    </message>
    <message>
        <source>PAGE</source>
        <translation>SEITE</translation>
    </message>
    <message>
        <source>With --screenshot --view graph: colour the nodes by a metric, e.g. &quot;MACs&quot;.</source>
        <translation>Mit --screenshot --view graph: die Knoten nach einer Metrik einfärben, z. B. „MACs“.</translation>
    </message>
    <message>
        <source>METRIC</source>
        <translation>METRIK</translation>
    </message>
    <message>
        <source>Unknown page &quot;%1&quot;; use &quot;layers&quot; or &quot;graph&quot;.</source>
        <translation>Unbekannte Seite „%1“; „layers“ oder „graph“ verwenden.</translation>
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
    <name>NodeAppearance</name>
    <message>
        <source>Output: %1</source>
        <translation>Ausgabe: %1</translation>
    </message>
    <message>
        <source>MACs: %1</source>
        <translation>MACs: %1</translation>
    </message>
    <message>
        <source>Parameters: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes</source>
        <extracomment>A block of folded nodes; %n is how many</extracomment>
        <translation>
            <numerusform>%n Knoten</numerusform>
            <numerusform>%n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <source>double-click to expand</source>
        <translation>Doppelklick zum Aufklappen</translation>
    </message>
    <message numerus="yes">
        <source>%n folded nodes, from %1 to %2.&lt;br&gt;Double-click to expand.</source>
        <extracomment>%n folded nodes; %1 and %2 are the names of the first and the last</extracomment>
        <translation>
            <numerusform>%n gefalteter Knoten, von %1 bis %2.&lt;br&gt;Doppelklick zum Aufklappen.</numerusform>
            <numerusform>%n gefaltete Knoten, von %1 bis %2.&lt;br&gt;Doppelklick zum Aufklappen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foldwise::gui::GraphFindBar</name>
    <message>
        <source>Find a node by name or op type</source>
        <translation>Knoten nach Name oder Op-Typ suchen</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Nächster Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Close the find bar (Escape)</source>
        <translation>Suchleiste schließen (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Suchen:</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <extracomment>%1 is the current match, %2 how many nodes match</extracomment>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::GraphLegend</name>
    <message>
        <source>no value, or zero</source>
        <translation>kein Wert oder null</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::GraphMinimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Übersicht: klicken oder ziehen, um die Ansicht zu verschieben</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::GraphPage</name>
    <message>
        <source>Colour by:</source>
        <translation>Färben nach:</translation>
    </message>
    <message>
        <source>Linear scale</source>
        <translation>Lineare Skala</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log. Skala</translation>
    </message>
    <message>
        <source>Shapes on Edges</source>
        <translation>Formen an Kanten</translation>
    </message>
    <message>
        <source>Write each tensor&apos;s shape beside its edge</source>
        <translation>Die Form jedes Tensors neben seine Kante schreiben</translation>
    </message>
    <message>
        <source>Fold Chains</source>
        <translation>Ketten falten</translation>
    </message>
    <message>
        <source>Fold long chains of single-input, single-output nodes of big models into blocks</source>
        <translation>Lange Ketten von Knoten mit einem Eingang und einem Ausgang in großen Modellen zu Blöcken falten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Tooltip of a toolbar button: %1 is its name, %2 its keyboard shortcut</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Op kind</source>
        <translation>Op-Art</translation>
    </message>
    <message>
        <source>%1 (log scale)</source>
        <translation>%1 (log. Skala)</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n nodes; a graph this big takes a while…</source>
        <extracomment>%n is the number of nodes being laid out</extracomment>
        <translation>
            <numerusform>%n Knoten werden angeordnet; ein so großer Graph braucht eine Weile …</numerusform>
            <numerusform>%n Knoten werden angeordnet; ein so großer Graph braucht eine Weile …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n nodes…</source>
        <translation>
            <numerusform>%n Knoten wird angeordnet …</numerusform>
            <numerusform>%n Knoten werden angeordnet …</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>The layout was cancelled.</source>
        <translation>Die Anordnung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Lay Out Again</source>
        <translation>Erneut anordnen</translation>
    </message>
    <message>
        <source>The graph could not be laid out: %1</source>
        <translation>Der Graph konnte nicht angeordnet werden: %1</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message numerus="yes">
        <source>%1 nodes of long chains are folded into %n blocks; double-click a block to expand it.</source>
        <extracomment>%1 is a number of nodes, %n the number of blocks they are folded into</extracomment>
        <translation>
            <numerusform>%1 Knoten langer Ketten sind in %n Block gefaltet; Doppelklick auf einen Block klappt ihn auf.</numerusform>
            <numerusform>%1 Knoten langer Ketten sind in %n Blöcke gefaltet; Doppelklick auf einen Block klappt ihn auf.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show All Nodes</source>
        <translation>Alle Knoten zeigen</translation>
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
    <message>
        <source>&amp;Layers</source>
        <translation>&amp;Schichten</translation>
    </message>
    <message>
        <source>&amp;Graph</source>
        <translation>&amp;Graph</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>Filter the layer table, or find a node in the graph</source>
        <translation>Die Schichttabelle filtern oder einen Knoten im Graphen suchen</translation>
    </message>
    <message>
        <source>&amp;Layer Table</source>
        <translation>&amp;Schichttabelle</translation>
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
