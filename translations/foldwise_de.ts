<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AnalysisColumns</name>
    <message>
        <source>%1 %</source>
        <extracomment>A fraction shown as a percentage in the layer table, e.g. &quot;53.1 %&quot;</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1%2 pp</source>
        <extracomment>A difference in percentage points, e.g. &quot;+4.2 pp&quot;</extracomment>
        <translation>%1%2 Pp.</translation>
    </message>
    <message>
        <source>Compared iteration: %1</source>
        <translation>Verglichene Iteration: %1</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Sparsity</translation>
    </message>
    <message>
        <source>Window sp.</source>
        <translation>Fenster-Sp.</translation>
    </message>
    <message>
        <source>Folding</source>
        <translation>Faltung</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Takte</translation>
    </message>
    <message>
        <source>Dense cycles</source>
        <translation>Takte dicht</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>DSP</source>
        <translation>DSP</translation>
    </message>
    <message>
        <source>BRAM</source>
        <translation>BRAM</translation>
    </message>
    <message>
        <source>LUT</source>
        <translation>LUT</translation>
    </message>
    <message>
        <source>Δ Sparsity</source>
        <translation>Δ Sparsity</translation>
    </message>
    <message>
        <source>Δ Cycles</source>
        <translation>Δ Takte</translation>
    </message>
    <message>
        <source>Convolutions: mean zeros per input window / K (padding included); activations: zeros in the output</source>
        <translation>Faltungen: mittlere Nullen je Eingabefenster / K (mit Padding); Aktivierungen: Nullen in der Ausgabe</translation>
    </message>
    <message>
        <source>Convolutions: fraction of input windows that are all zero</source>
        <translation>Faltungen: Anteil der Eingabefenster, die nur Nullen enthalten</translation>
    </message>
    <message>
        <source>Parallelism of the layer&apos;s hardware in the design</source>
        <translation>Parallelität der Hardware der Schicht im Entwurf</translation>
    </message>
    <message>
        <source>Cycles per item as modelled (with zero skipping where the layer skips zeros)</source>
        <translation>Takte je Eingabe laut Modell (mit Überspringen von Nullen, wo die Schicht Nullen überspringt)</translation>
    </message>
    <message>
        <source>Cycles per item without zero skipping</source>
        <translation>Takte je Eingabe ohne Überspringen von Nullen</translation>
    </message>
    <message>
        <source>The layer&apos;s cycles as a share of the slowest layer&apos;s (100 %: the bottleneck)</source>
        <translation>Takte der Schicht als Anteil an denen der langsamsten Schicht (100 %: der Engpass)</translation>
    </message>
    <message>
        <source>DSP slices of the layer&apos;s hardware</source>
        <translation>DSP-Slices der Hardware der Schicht</translation>
    </message>
    <message>
        <source>18 Kb block RAMs of the layer&apos;s hardware</source>
        <translation>18-Kb-Block-RAMs der Hardware der Schicht</translation>
    </message>
    <message>
        <source>Look-up tables of the layer&apos;s hardware</source>
        <translation>Lookup-Tabellen der Hardware der Schicht</translation>
    </message>
    <message>
        <source>Sparsity of the current iteration minus the compared one&apos;s</source>
        <translation>Sparsity der aktuellen Iteration minus die der verglichenen</translation>
    </message>
    <message>
        <source>Cycles of the current iteration minus the compared one&apos;s</source>
        <translation>Takte der aktuellen Iteration minus die der verglichenen</translation>
    </message>
</context>
<context>
    <name>Artifact</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Sweep run</source>
        <translation>Schwellwert-Durchlauf</translation>
    </message>
    <message>
        <source>Folding configuration</source>
        <translation>Faltungskonfiguration</translation>
    </message>
    <message>
        <source>Derived model</source>
        <translation>Abgeleitetes Modell</translation>
    </message>
    <message>
        <source>Tool report</source>
        <translation>Werkzeugbericht</translation>
    </message>
</context>
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
        <source>ONNX model or Foldwise project (.foldwise) to open (default: the bundled example model)</source>
        <translation>Zu öffnendes ONNX-Modell oder Foldwise-Projekt (.foldwise) (Vorgabe: das mitgelieferte Beispielmodell)</translation>
    </message>
    <message>
        <source>With --screenshot: the page to show, &quot;layers&quot; (default), &quot;graph&quot;, &quot;sparsity&quot;, &quot;hardware&quot; or &quot;sweep&quot;.</source>
        <translation>Mit --screenshot: die zu zeigende Seite, „layers“ (Vorgabe), „graph“, „sparsity“, „hardware“ oder „sweep“.</translation>
    </message>
    <message>
        <source>Open an activation profile, a design or a sweep run directory for the model (repeatable); &quot;example&quot; opens the example model&apos;s sweep.</source>
        <translation>Ein Aktivierungsprofil, einen Entwurf oder ein Sweep-Laufverzeichnis zum Modell öffnen (wiederholbar); „example“ öffnet den Sweep des Beispielmodells.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>With a run log: show iteration N.</source>
        <translation>Mit einem Laufprotokoll: Iteration N zeigen.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>With a run log: compare the shown iteration with iteration N.</source>
        <translation>Mit einem Laufprotokoll: die gezeigte Iteration mit Iteration N vergleichen.</translation>
    </message>
    <message>
        <source>Unknown page &quot;%1&quot;; use &quot;layers&quot;, &quot;graph&quot;, &quot;sparsity&quot;, &quot;hardware&quot; or &quot;sweep&quot;.</source>
        <translation>Unbekannte Seite „%1“; „layers“, „graph“, „sparsity“, „hardware“ oder „sweep“ verwenden.</translation>
    </message>
    <message>
        <source>--%1 needs an iteration number, not &quot;%2&quot;</source>
        <translation>--%1 braucht eine Iterationsnummer, nicht „%2“</translation>
    </message>
    <message>
        <source>The model has no layer named &quot;%1&quot;</source>
        <translation>Das Modell hat keine Schicht namens „%1“</translation>
    </message>
    <message>
        <source>With --screenshot: the layer to select (default: the first convolution).</source>
        <translation>Mit --screenshot: die auszuwählende Schicht (Vorgabe: die erste Faltung).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Unknown hardware style &quot;%1&quot;; use &quot;fpgaconvnet&quot; or &quot;finn&quot;</source>
        <translation>Unbekannter Hardwarestil „%1“; verwenden Sie „fpgaconvnet“ oder „finn“</translation>
    </message>
    <message>
        <source>With --screenshot --view graph: mark the nodes a hardware style cannot build, &quot;fpgaconvnet&quot; or &quot;finn&quot;.</source>
        <translation>Mit --screenshot --view graph: die Knoten markieren, die ein Hardwarestil nicht bauen kann, „fpgaconvnet“ oder „finn“.</translation>
    </message>
    <message>
        <source>STYLE</source>
        <translation>STIL</translation>
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
        <source>Quantizer</source>
        <translation>Quantisierer</translation>
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
    <name>ExportText</name>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a file path, %2 what went wrong</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the graph has not been laid out yet</source>
        <translation>der Graph ist noch nicht angeordnet</translation>
    </message>
    <message>
        <source>unknown image type; use .png or .svg</source>
        <translation>unbekannter Bildtyp; .png oder .svg verwenden</translation>
    </message>
    <message>
        <source>cannot encode the PNG image</source>
        <translation>das PNG-Bild kann nicht kodiert werden</translation>
    </message>
</context>
<context>
    <name>GraphMetrics</name>
    <message>
        <source>Sparsity</source>
        <translation>Sparsity</translation>
    </message>
    <message>
        <source>Window sparsity</source>
        <translation>Fenster-Sparsity</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Takte</translation>
    </message>
    <message>
        <source>Share of interval</source>
        <translation>Anteil am Intervall</translation>
    </message>
    <message>
        <source>DSP</source>
        <translation>DSP</translation>
    </message>
    <message>
        <source>BRAM</source>
        <translation>BRAM</translation>
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
    <name>PassMenu</name>
    <message>
        <source>&amp;Fold BatchNorm…</source>
        <translation>BatchNorm &amp;falten …</translation>
    </message>
    <message>
        <source>Fold BatchNormalization into the Conv/Gemm before it</source>
        <translation>BatchNormalization in die Conv/Gemm davor falten</translation>
    </message>
    <message>
        <source>F&amp;use Conv + ReLU…</source>
        <translation>Conv + ReLU &amp;verschmelzen …</translation>
    </message>
    <message>
        <source>Fuse Conv/Gemm + ReLU into one dataflow stage (hls4ml&apos;s merged ReLU)</source>
        <translation>Conv/Gemm + ReLU zu einer Datenflussstufe verschmelzen (hls4ml: zusammengeführte ReLU)</translation>
    </message>
    <message>
        <source>Prune Cha&amp;nnels…</source>
        <translation>Kanäle beschnei&amp;den …</translation>
    </message>
    <message>
        <source>Structured channel pruning: remove whole channels, shrink the weights, compare the hardware</source>
        <translation>Strukturiertes Kanal-Pruning: ganze Kanäle entfernen, die Gewichte verkleinern, die Hardware vergleichen</translation>
    </message>
    <message>
        <source>&amp;Induce ReLUs…</source>
        <translation>ReLUs &amp;induzieren …</translation>
    </message>
    <message>
        <source>Induced ReLUs: later layers share an earlier ReLU&apos;s sign decisions</source>
        <translation>Induzierte ReLUs: spätere Schichten übernehmen die Vorzeichenentscheidungen einer früheren ReLU</translation>
    </message>
</context>
<context>
    <name>PlotExportText</name>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>%1: unknown image type; use .png, .pdf or .svg</source>
        <extracomment>%1 is a file path</extracomment>
        <translation>%1: unbekannter Bildtyp; .png, .pdf oder .svg verwenden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cannot encode the PNG image</source>
        <translation>%1: das PNG-Bild kann nicht kodiert werden</translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>%1: %2</source>
        <extracomment>A project file error: %1 is the file, %2 the reason</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation>kein gültiges JSON (%1 bei Position %2)</translation>
    </message>
    <message>
        <source>not a Foldwise project</source>
        <translation>kein Foldwise-Projekt</translation>
    </message>
    <message>
        <source>project format version %1 is not supported (this Foldwise reads version %2)</source>
        <translation>Projektformat-Version %1 wird nicht unterstützt (dieses Foldwise liest Version %2)</translation>
    </message>
    <message>
        <source>skipped an artifact of unknown kind &quot;%1&quot;</source>
        <translation>ein Artefakt unbekannter Art „%1“ übersprungen</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::AnalysisDocument</name>
    <message>
        <source>The model is a FINN dataflow graph, but not one Foldwise can evaluate: %1</source>
        <translation>Das Modell ist ein FINN-Datenflussgraph, aber keiner, den Foldwise bewerten kann: %1</translation>
    </message>
    <message>
        <source>%1: open a model first; the analysis belongs to a model</source>
        <translation>%1: zuerst ein Modell öffnen; die Analyse gehört zu einem Modell</translation>
    </message>
    <message>
        <source>%1: neither an activation profile, a design (JSON) nor a sweep run directory</source>
        <translation>%1: weder ein Aktivierungsprofil noch ein Entwurf (JSON) noch ein Sweep-Laufverzeichnis</translation>
    </message>
    <message>
        <source>%1: the profile was made from another model (its SHA-256 differs from %2&apos;s)</source>
        <translation>%1: das Profil stammt von einem anderen Modell (sein SHA-256 unterscheidet sich von dem von %2)</translation>
    </message>
    <message>
        <source>%1: the sweep ran another model (the manifest&apos;s SHA-256 differs from %2&apos;s)</source>
        <translation>%1: der Sweep lief mit einem anderen Modell (der SHA-256 im Manifest unterscheidet sich von dem von %2)</translation>
    </message>
    <message>
        <source>%1: the run log has no iterations</source>
        <translation>%1: das Laufprotokoll hat keine Iterationen</translation>
    </message>
    <message>
        <source>The example sweep belongs to the example model: open it first (File &gt; Open Example Model)</source>
        <translation>Der Beispiel-Sweep gehört zum Beispielmodell: zuerst dieses öffnen (Datei &gt; Beispielmodell öffnen)</translation>
    </message>
    <message>
        <source>%1: cannot copy the example sweep to a temporary folder: %2</source>
        <translation>%1: der Beispiel-Sweep kann nicht in einen temporären Ordner kopiert werden: %2</translation>
    </message>
    <message>
        <source>%1: an fpgaConvNet config.json names no platform; open a design.json for the platform first, then the config</source>
        <translation>%1: eine fpgaConvNet-config.json nennt keine Plattform; zuerst eine design.json für die Plattform öffnen, dann die Konfiguration</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::AnalysisPage</name>
    <message>
        <source>it. %1</source>
        <extracomment>Short name of a sweep iteration in plot legends</extracomment>
        <translation>It. %1</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::AnalysisPages</name>
    <message>
        <source>Sweep Iterations</source>
        <translation>Sweep-Iterationen</translation>
    </message>
    <message>
        <source>&amp;Sparsity</source>
        <translation>&amp;Sparsity</translation>
    </message>
    <message>
        <source>&amp;Hardware</source>
        <translation>&amp;Hardware</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>S&amp;weep</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>&amp;Analyse</translation>
    </message>
    <message>
        <source>Open &amp;Profile…</source>
        <translation>&amp;Profil öffnen…</translation>
    </message>
    <message>
        <source>Open Activation Profile</source>
        <translation>Aktivierungsprofil öffnen</translation>
    </message>
    <message>
        <source>Activation profiles (*.json);;All files (*)</source>
        <translation>Aktivierungsprofile (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Show an activation profile (foldwise-cli profile) of the model</source>
        <translation>Ein Aktivierungsprofil (foldwise-cli profile) des Modells zeigen</translation>
    </message>
    <message>
        <source>Open &amp;Design…</source>
        <translation>&amp;Entwurf öffnen…</translation>
    </message>
    <message>
        <source>Open Design</source>
        <translation>Entwurf öffnen</translation>
    </message>
    <message>
        <source>Designs (design.json, fpgaConvNet config.json) (*.json);;All files (*)</source>
        <translation>Entwürfe (design.json, fpgaConvNet config.json) (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Evaluate a design (design.json or fpgaConvNet&apos;s config.json) with the loaded profile</source>
        <translation>Einen Entwurf (design.json oder fpgaConvNets config.json) mit dem geladenen Profil bewerten</translation>
    </message>
    <message>
        <source>Open &amp;Run Log…</source>
        <translation>&amp;Laufprotokoll öffnen…</translation>
    </message>
    <message>
        <source>Open Sweep Run Directory</source>
        <translation>Sweep-Laufverzeichnis öffnen</translation>
    </message>
    <message>
        <source>Browse the iterations of a threshold sweep (its run directory, or the original scripts&apos; run log)</source>
        <translation>Die Iterationen eines Schwellwert-Sweeps durchsehen (sein Laufverzeichnis oder das Laufprotokoll der ursprünglichen Skripte)</translation>
    </message>
    <message>
        <source>Open &amp;Example Sweep</source>
        <translation>&amp;Beispiel-Sweep öffnen</translation>
    </message>
    <message>
        <source>The precomputed threshold sweep of the example model</source>
        <translation>Der vorberechnete Schwellwert-Sweep des Beispielmodells</translation>
    </message>
    <message>
        <source>&amp;Close Analysis</source>
        <translation>Analyse &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Layer &amp;Table as CSV…</source>
        <translation>Schicht&amp;tabelle als CSV…</translation>
    </message>
    <message>
        <source>Export Layer Table</source>
        <translation>Schichttabelle exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Graph as Image…</source>
        <translation>&amp;Graph als Bild…</translation>
    </message>
    <message>
        <source>Export Graph</source>
        <translation>Graph exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <source>All &amp;Plots…</source>
        <translation>Alle &amp;Diagramme…</translation>
    </message>
    <message>
        <source>Export All Plots To</source>
        <translation>Alle Diagramme exportieren nach</translation>
    </message>
    <message>
        <source>Cannot Export Plots</source>
        <translation>Diagramme können nicht exportiert werden</translation>
    </message>
    <message>
        <source>Plots exported to %1</source>
        <translation>Diagramme nach %1 exportiert</translation>
    </message>
    <message>
        <source>&amp;Design JSON…</source>
        <translation>&amp;Entwurf als JSON…</translation>
    </message>
    <message>
        <source>Export Design</source>
        <translation>Entwurf exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>fpgaConvNet &amp;Config…</source>
        <translation>fpgaConvNet-&amp;Konfiguration…</translation>
    </message>
    <message>
        <source>Export fpgaConvNet Config</source>
        <translation>fpgaConvNet-Konfiguration exportieren</translation>
    </message>
    <message>
        <source>fpgaConvNet &amp;Report…</source>
        <translation>fpgaConvNet-&amp;Bericht…</translation>
    </message>
    <message>
        <source>Export fpgaConvNet Report</source>
        <translation>fpgaConvNet-Bericht exportieren</translation>
    </message>
    <message>
        <source>&amp;Thresholds JSON…</source>
        <translation>&amp;Schwellwerte als JSON…</translation>
    </message>
    <message>
        <source>Export Thresholds</source>
        <translation>Schwellwerte exportieren</translation>
    </message>
    <message>
        <source>&amp;Annotated ONNX Model…</source>
        <translation>&amp;Annotiertes ONNX-Modell…</translation>
    </message>
    <message>
        <source>Export Annotated Model</source>
        <translation>Annotiertes Modell exportieren</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX-Modelle (*.onnx)</translation>
    </message>
    <message>
        <source>The model with the profile&apos;s thresholds and window histograms (channel_sparsity_hist)</source>
        <translation>Das Modell mit den Schwellwerten und Fensterhistogrammen des Profils (channel_sparsity_hist)</translation>
    </message>
    <message>
        <source>&amp;Sparsity Page</source>
        <translation>&amp;Sparsity-Seite</translation>
    </message>
    <message>
        <source>&amp;Hardware Page</source>
        <translation>&amp;Hardware-Seite</translation>
    </message>
    <message>
        <source>S&amp;weep Page</source>
        <translation>S&amp;weep-Seite</translation>
    </message>
    <message>
        <source>Cannot Open Analysis</source>
        <translation>Analyse kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>Export nicht möglich</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>&amp;Fidelity Table as CSV…</source>
        <translation>T&amp;reuetabelle als CSV…</translation>
    </message>
    <message>
        <source>Export Fidelity Table</source>
        <translation>Treuetabelle exportieren</translation>
    </message>
    <message>
        <source>The design&apos;s layers on Foldwise&apos;s model and on fpgaConvNet&apos;s, as foldwise-cli evaluate --fidelity writes them</source>
        <translation>Die Schichten des Entwurfs im Foldwise-Modell und in fpgaConvNets Modell, wie foldwise-cli evaluate --fidelity sie schreibt</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::ArtifactCombo</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A file in a list: %1 is its name, %2 its folder</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose a File</source>
        <translation>Datei wählen</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::CalibrationFields</name>
    <message>
        <source>Arrays and tensors (*.npy *.pb);;All files (*)</source>
        <translation>Arrays und Tensoren (*.npy *.pb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Labels (*.npy *.csv);;All files (*)</source>
        <translation>Labels (*.npy *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>A .npy array, a .pb tensor, a folder of images or .pb files, or synthetic:N[:SEED]</source>
        <translation>Ein .npy-Array, ein .pb-Tensor, ein Ordner mit Bildern oder .pb-Dateien oder synthetic:N[:SEED]</translation>
    </message>
    <message>
        <source>calib.npy, an image folder or synthetic:64</source>
        <translation>calib.npy, ein Bildordner oder synthetic:64</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Calibration &amp;data:</source>
        <translation>Kalibrierungs&amp;daten:</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>the calibration data</source>
        <translation>die Kalibrierungsdaten</translation>
    </message>
    <message>
        <source>the labels</source>
        <translation>die Labels</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::CostModelCombo</name>
    <message>
        <source>Foldwise (native, zero skipping)</source>
        <translation>Foldwise (nativ, überspringt Nullen)</translation>
    </message>
    <message>
        <source>fpgaConvNet-compatible</source>
        <translation>fpgaConvNet-kompatibel</translation>
    </message>
    <message>
        <source>Foldwise&apos;s model skips the zeros of sparse convolutions; fpgaConvNet&apos;s gives the cycles and resources fpgaConvNet itself computes for the design&apos;s config.json</source>
        <translation>Das Foldwise-Modell überspringt die Nullen dünn besetzter Faltungen; das fpgaConvNet-Modell liefert die Takte und Ressourcen, die fpgaConvNet selbst für die config.json des Entwurfs berechnet</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::EvaluateDialog</name>
    <message>
        <source>Evaluate a Design</source>
        <translation>Entwurf bewerten</translation>
    </message>
    <message>
        <source>Designs (*.json)</source>
        <translation>Entwürfe (*.json)</translation>
    </message>
    <message>
        <source>The design&apos;s</source>
        <translation>Die des Entwurfs</translation>
    </message>
    <message>
        <source>None (dense)</source>
        <translation>Keines (dicht)</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>Profile (*.json)</translation>
    </message>
    <message>
        <source>&amp;Design:</source>
        <translation>&amp;Entwurf:</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>&amp;Plattform:</translation>
    </message>
    <message>
        <source>P&amp;rofile:</source>
        <translation>P&amp;rofil:</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>Ausgabe&amp;ordner:</translation>
    </message>
    <message>
        <source>the design</source>
        <translation>den Entwurf</translation>
    </message>
    <message>
        <source>the profile</source>
        <translation>das Profil</translation>
    </message>
    <message>
        <source>Choose the output folder.</source>
        <translation>Wählen Sie den Ausgabeordner.</translation>
    </message>
    <message>
        <source>Compare with fpgaConvNet&apos;s &amp;model (fidelity.csv, fidelity.json)</source>
        <translation>Mit fpgaConvNets &amp;Modell vergleichen (fidelity.csv, fidelity.json)</translation>
    </message>
    <message>
        <source>Each layer&apos;s cycles and resources on Foldwise&apos;s model and on fpgaConvNet&apos;s, and how far they differ</source>
        <translation>Takte und Ressourcen jeder Schicht im Foldwise-Modell und in fpgaConvNets Modell, und wie weit sie abweichen</translation>
    </message>
    <message>
        <source>&amp;Cost model:</source>
        <translation>&amp;Kostenmodell:</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::FidelityTableModel</name>
    <message>
        <source>n/a</source>
        <extracomment>A relative difference that has no finite value: fpgaConvNet&apos;s figure is 0, Foldwise&apos;s is not</extracomment>
        <translation>n. v.</translation>
    </message>
    <message>
        <source>%1%2 %</source>
        <extracomment>A relative difference as a percentage, e.g. &quot;+12.5 %&quot;</extracomment>
        <translation>%1%2 %</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Foldwise: %1, fpgaConvNet: %2 (%3)</source>
        <extracomment>%1 the figure on Foldwise&apos;s model, %2 on fpgaConvNet&apos;s, %3 their relative difference</extracomment>
        <translation>Foldwise: %1, fpgaConvNet: %2 (%3)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Sparse</source>
        <translation>Sparse</translation>
    </message>
    <message>
        <source>Cycles Δ</source>
        <translation>Takte Δ</translation>
    </message>
    <message>
        <source>DSP Δ</source>
        <translation>DSP Δ</translation>
    </message>
    <message>
        <source>BRAM Δ</source>
        <translation>BRAM Δ</translation>
    </message>
    <message>
        <source>LUT Δ</source>
        <translation>LUT Δ</translation>
    </message>
    <message>
        <source>FF Δ</source>
        <translation>FF Δ</translation>
    </message>
    <message>
        <source>Position in the design</source>
        <translation>Position im Entwurf</translation>
    </message>
    <message>
        <source>Hardware layer of the design</source>
        <translation>Hardware-Schicht des Entwurfs</translation>
    </message>
    <message>
        <source>fpgaConvNet layer type</source>
        <translation>fpgaConvNet-Schichttyp</translation>
    </message>
    <message>
        <source>Foldwise models this layer with zero skipping (fpgaConvNet&apos;s model does not)</source>
        <translation>Foldwise modelliert diese Schicht mit Überspringen von Nullen (fpgaConvNets Modell nicht)</translation>
    </message>
    <message>
        <source>The layer&apos;s cycles on Foldwise&apos;s native model</source>
        <translation>Takte der Schicht im nativen Foldwise-Modell</translation>
    </message>
    <message>
        <source>The layer&apos;s cycles on fpgaConvNet&apos;s model</source>
        <translation>Takte der Schicht in fpgaConvNets Modell</translation>
    </message>
    <message>
        <source>Foldwise&apos;s figure against fpgaConvNet&apos;s: native / fpgaConvNet - 1; beyond ±%1 % the row is highlighted</source>
        <translation>Foldwise-Wert gegen fpgaConvNet-Wert: nativ / fpgaConvNet - 1; über ±%1 % wird die Zeile hervorgehoben</translation>
    </message>
    <message>
        <source>Cycles
Foldwise</source>
        <translation>Takte
Foldwise</translation>
    </message>
    <message>
        <source>Cycles
fpgaConvNet</source>
        <translation>Takte
fpgaConvNet</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::FidelityView</name>
    <message>
        <source>&lt;b&gt;fpgaConvNet fidelity&lt;/b&gt;: no design loaded.</source>
        <translation>&lt;b&gt;Treue zu fpgaConvNet&lt;/b&gt;: kein Entwurf geladen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;fpgaConvNet fidelity&lt;/b&gt;: cannot evaluate the design on fpgaConvNet&apos;s model: %1</source>
        <translation>&lt;b&gt;Treue zu fpgaConvNet&lt;/b&gt;: der Entwurf lässt sich in fpgaConvNets Modell nicht bewerten: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;fpgaConvNet fidelity&lt;/b&gt;: only for designs Foldwise evaluates (a tool&apos;s report has no folding to evaluate again).</source>
        <translation>&lt;b&gt;Treue zu fpgaConvNet&lt;/b&gt;: nur für Entwürfe, die Foldwise bewertet (der Bericht eines Werkzeugs hat keine Faltung, die sich neu bewerten ließe).</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>n. v.</translation>
    </message>
    <message>
        <source>&lt;b&gt;fpgaConvNet fidelity&lt;/b&gt;: Foldwise %1 frames/s, fpgaConvNet %2 frames/s (%3) · fpgaConvNet&apos;s squeezes add %4 LUT, %5 BRAM · %6 of %7 layers differ by more than %8</source>
        <extracomment>%1 and %2 frames per second on the two models, %3 their relative difference, %4 LUTs and %5 BRAM18 blocks that fpgaConvNet&apos;s squeeze layers add; %6 of %7 layers differ by more than %8 (a percentage)</extracomment>
        <translation>&lt;b&gt;Treue zu fpgaConvNet&lt;/b&gt;: Foldwise %1 Bilder/s, fpgaConvNet %2 Bilder/s (%3) · fpgaConvNets Squeezes fügen %4 LUT, %5 BRAM hinzu · %6 von %7 Schichten weichen um mehr als %8 ab</translation>
    </message>
    <message>
        <source>&lt;b&gt;fpgaConvNet would not build it:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;fpgaConvNet würde ihn nicht bauen:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::FineGainSpinBox</name>
    <message>
        <source> ×</source>
        <extracomment>Suffix of a speed-up factor, e.g. &quot;1.2 ×&quot;</extracomment>
        <translation> ×</translation>
    </message>
    <message>
        <source>The least speed-up a sparse convolution&apos;s next fine step must give for the greedy optimiser to keep it (fpgaConvNet: 1.2)</source>
        <translation>Die kleinste Beschleunigung, die der nächste fine-Schritt einer dünn besetzten Faltung bringen muss, damit der Greedy-Optimierer ihn behält (fpgaConvNet: 1,2)</translation>
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
    <name>foldwise::gui::HardwarePage</name>
    <message>
        <source>No design loaded: open one with Analysis &gt; Open Design…, drop a design.json on the window, or open a sweep&apos;s run log.</source>
        <translation>Kein Entwurf geladen: einen mit Analyse &gt; Entwurf öffnen… öffnen, eine design.json auf das Fenster ziehen oder das Laufprotokoll eines Sweeps öffnen.</translation>
    </message>
    <message>
        <source>%1 of %2 (%3)</source>
        <translation>%1 von %2 (%3)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; at %2 MHz, batch %3: &lt;b&gt;%4 frames/s&lt;/b&gt;, latency %5 ms, interval %6 cycles, bottleneck &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;DSP %8 · BRAM %9 · LUT %10 · FF %11</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; mit %2 MHz, Batch %3: &lt;b&gt;%4 Bilder/s&lt;/b&gt;, Latenz %5 ms, Intervall %6 Takte, Engpass &lt;b&gt;%7&lt;/b&gt;&lt;br&gt;DSP %8 · BRAM %9 · LUT %10 · FF %11</translation>
    </message>
    <message>
        <source>FINN estimate</source>
        <translation>FINN-Schätzung</translation>
    </message>
    <message>
        <source>FINN estimate for %1</source>
        <translation>FINN-Schätzung für %1</translation>
    </message>
    <message>
        <source>fpgaConvNet report</source>
        <translation>fpgaConvNet-Bericht</translation>
    </message>
    <message>
        <source>fpgaConvNet report for %1</source>
        <translation>fpgaConvNet-Bericht für %1</translation>
    </message>
    <message>
        <source>Resources and Folding</source>
        <translation>Ressourcen und Faltung</translation>
    </message>
    <message>
        <source>fpgaConvNet Fidelity</source>
        <translation>Treue zu fpgaConvNet</translation>
    </message>
    <message numerus="yes">
        <source>fpgaConvNet Fidelity (%n layer(s) beyond %1)</source>
        <translation>
            <numerusform>Treue zu fpgaConvNet (%n Schicht über %1)</numerusform>
            <numerusform>Treue zu fpgaConvNet (%n Schichten über %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foldwise::gui::HardwareSupportCheck</name>
    <message>
        <source>No check</source>
        <extracomment>The hardware-support check is off</extracomment>
        <translation>Keine Prüfung</translation>
    </message>
    <message>
        <source>fpgaConvNet</source>
        <translation>fpgaConvNet</translation>
    </message>
    <message>
        <source>FINN</source>
        <translation>FINN</translation>
    </message>
    <message>
        <source>Mark the nodes a hardware style has no layer for, with the reason</source>
        <translation>Die Knoten markieren, für die ein Hardwarestil keine Schicht hat, mit dem Grund</translation>
    </message>
    <message>
        <source>not buildable</source>
        <extracomment>Short toolbar text: the hardware style cannot build the model at all</extracomment>
        <translation>nicht baubar</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>Prüfen:</translation>
    </message>
    <message>
        <source>%1 cannot build this model: %2</source>
        <extracomment>%1 is a hardware style (fpgaConvNet, FINN), %2 why it cannot build the model</extracomment>
        <translation>%1 kann dieses Modell nicht bauen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n marked</source>
        <extracomment>Short toolbar text: %n nodes are marked in the graph as not buildable</extracomment>
        <translation>
            <numerusform>%n markiert</numerusform>
            <numerusform>%n markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has no layer for %n node(s); they are marked in the graph, the reason in each node&apos;s tooltip</source>
        <extracomment>%n nodes are marked in the graph; %1 is a hardware style (fpgaConvNet, FINN)</extracomment>
        <translation>
            <numerusform>%1 hat für %n Knoten keine Schicht; er ist im Graphen markiert, der Grund steht in seinem Tooltip</numerusform>
            <numerusform>%1 hat für %n Knoten keine Schicht; sie sind im Graphen markiert, der Grund steht im Tooltip jedes Knotens</numerusform>
        </translation>
    </message>
    <message>
        <source>all buildable</source>
        <extracomment>Short toolbar text: the hardware style can build every layer</extracomment>
        <translation>alles baubar</translation>
    </message>
    <message>
        <source>%1 builds every layer</source>
        <extracomment>%1 is a hardware style (fpgaConvNet, FINN)</extracomment>
        <translation>%1 baut jede Schicht</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::InduceDialog</name>
    <message>
        <source>Mappings (*.json)</source>
        <translation>Zuordnungen (*.json)</translation>
    </message>
    <message>
        <source>Measure accuracy and fidelity before and after</source>
        <translation>Genauigkeit und Treue vorher und nachher messen</translation>
    </message>
    <message>
        <source>JSON: {&quot;inducer ReLU&quot;: [&quot;inducer ReLU&quot;, &quot;induced ReLU&quot;, ...], &quot;overrides&quot;: {&quot;ReLU&quot;: &quot;identity&quot;}}</source>
        <translation>JSON: {&quot;induzierende ReLU&quot;: [&quot;induzierende ReLU&quot;, &quot;induzierte ReLU&quot;, ...], &quot;overrides&quot;: {&quot;ReLU&quot;: &quot;identity&quot;}}</translation>
    </message>
    <message>
        <source>N[,N...] per inducer, in mapping order</source>
        <translation>N[,N...] je Induktor, in der Reihenfolge der Zuordnung</translation>
    </message>
    <message>
        <source>Seed of the first prototype (farthest-point sampling)</source>
        <translation>Startwert des ersten Prototyps (Farthest-Point-Sampling)</translation>
    </message>
    <message>
        <source>&amp;Mapping:</source>
        <translation>&amp;Zuordnung:</translation>
    </message>
    <message>
        <source>P&amp;rototypes:</source>
        <translation>P&amp;rototypen:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Startwert:</translation>
    </message>
    <message>
        <source>the mapping</source>
        <translation>die Zuordnung</translation>
    </message>
    <message>
        <source>Give the prototype units per inducer as positive integers separated by commas, e.g. &quot;64,128&quot;.</source>
        <translation>Geben Sie die Prototyp-Einheiten je Induktor als positive ganze Zahlen mit Kommas getrennt an, z. B. &quot;64,128&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>The mapping has %n inducer(s); give one prototype count for each.</source>
        <translation>
            <numerusform>Die Zuordnung hat %n Induktor; geben Sie für jeden eine Prototypenzahl an.</numerusform>
            <numerusform>Die Zuordnung hat %n Induktoren; geben Sie für jeden eine Prototypenzahl an.</numerusform>
        </translation>
    </message>
    <message>
        <source>Also write prototypes and choosing maps (&lt;output&gt;_choosing/)</source>
        <translation>Auch Prototypen und Auswahlkarten schreiben (&lt;Ausgabe&gt;_choosing/)</translation>
    </message>
    <message>
        <source>The prototype units and, per induced layer, its choosing map as .npy, for training</source>
        <translation>Die Prototyp-Einheiten und je induzierter Schicht ihre Auswahlkarte als .npy, für das Training</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::LayerPropertiesModel</name>
    <message>
        <source>float</source>
        <translation>Gleitkomma</translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Weight type</source>
        <translation>Gewichtstyp</translation>
    </message>
    <message>
        <source>BOPs</source>
        <translation>BOPs</translation>
    </message>
    <message>
        <source>Bit operations: MACs x weight bits x input bits</source>
        <translation>Bitoperationen: MACs x Gewichtsbits x Eingangsbits</translation>
    </message>
    <message>
        <source>Weight memory (bits)</source>
        <translation>Gewichtsspeicher (Bits)</translation>
    </message>
    <message>
        <source>Input type</source>
        <translation>Eingangstyp</translation>
    </message>
    <message>
        <source>Output type</source>
        <translation>Ausgangstyp</translation>
    </message>
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
        <source>In type</source>
        <translation>Eingangstyp</translation>
    </message>
    <message>
        <source>Weight type</source>
        <translation>Gewichtstyp</translation>
    </message>
    <message>
        <source>BOPs</source>
        <translation>BOPs</translation>
    </message>
    <message>
        <source>Data type of the first activation input, as the model states it (empty: float)</source>
        <translation>Datentyp des ersten Aktivierungseingangs, wie das Modell ihn angibt (leer: Gleitkomma)</translation>
    </message>
    <message>
        <source>Data type of the weights, as the model states it (empty: float)</source>
        <translation>Datentyp der Gewichte, wie das Modell ihn angibt (leer: Gleitkomma)</translation>
    </message>
    <message>
        <source>Bit operations: MACs x weight bits x input bits</source>
        <translation>Bitoperationen: MACs x Gewichtsbits x Eingangsbits</translation>
    </message>
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
    <name>foldwise::gui::OperationTask</name>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Profile %1 on %2</source>
        <extracomment>Task description: %1 is the model file, %2 the calibration data</extracomment>
        <translation>%1 auf %2 profilieren</translation>
    </message>
    <message>
        <source>Optimise %1 for %2</source>
        <extracomment>Task description: %1 is the model file, %2 the platform</extracomment>
        <translation>%1 für %2 optimieren</translation>
    </message>
    <message>
        <source>Evaluate %1 for %2</source>
        <extracomment>Task description: %1 is the design file, %2 the model file</extracomment>
        <translation>%1 für %2 bewerten</translation>
    </message>
    <message>
        <source>Sweep %1 (%2, %3)</source>
        <extracomment>Task description: %1 is the model file, %2 the policy, %3 the mode</extracomment>
        <translation>Durchlauf %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Fold BatchNorm in %1</source>
        <extracomment>Task description: %1 is the model file</extracomment>
        <translation>BatchNorm in %1 falten</translation>
    </message>
    <message>
        <source>Fuse Conv/Gemm + ReLU in %1</source>
        <extracomment>Task description: %1 is the model file</extracomment>
        <translation>Conv/Gemm + ReLU in %1 verschmelzen</translation>
    </message>
    <message>
        <source>Prune channels of %1</source>
        <extracomment>Task description: %1 is the model file</extracomment>
        <translation>Kanäle von %1 beschneiden</translation>
    </message>
    <message>
        <source>Induce ReLUs in %1</source>
        <extracomment>Task description: %1 is the model file</extracomment>
        <translation>ReLUs in %1 induzieren</translation>
    </message>
    <message>
        <source>%1: written %2</source>
        <extracomment>%1 is what the task wrote (one or more files)</extracomment>
        <translation>%1: %2 geschrieben</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::OptimiseDialog</name>
    <message>
        <source>Optimise the Accelerator</source>
        <translation>Beschleuniger optimieren</translation>
    </message>
    <message>
        <source>None (dense)</source>
        <translation>Keines (dicht)</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>Profile (*.json)</translation>
    </message>
    <message>
        <source>Simulated annealing</source>
        <translation>Simulated Annealing</translation>
    </message>
    <message>
        <source>Greedy (fpgaConvNet)</source>
        <translation>Greedy (fpgaConvNet)</translation>
    </message>
    <message>
        <source>until cold</source>
        <translation>bis zum Abkühlen</translation>
    </message>
    <message>
        <source>Stop the annealing after this many moves</source>
        <translation>Das Annealing nach so vielen Zügen beenden</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>&amp;Plattform:</translation>
    </message>
    <message>
        <source>P&amp;rofile:</source>
        <translation>P&amp;rofil:</translation>
    </message>
    <message>
        <source>&amp;Optimiser:</source>
        <translation>&amp;Optimierer:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Batchgröße:</translation>
    </message>
    <message>
        <source>&amp;Moves:</source>
        <translation>&amp;Züge:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Startwert:</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>Ausgabe&amp;ordner:</translation>
    </message>
    <message>
        <source>No platforms found: install Foldwise&apos;s platform files or set FOLDWISE_PLATFORMS_DIR.</source>
        <translation>Keine Plattformen gefunden: Installieren Sie die Plattformdateien von Foldwise oder setzen Sie FOLDWISE_PLATFORMS_DIR.</translation>
    </message>
    <message>
        <source>the profile</source>
        <translation>das Profil</translation>
    </message>
    <message>
        <source>Choose the output folder.</source>
        <translation>Wählen Sie den Ausgabeordner.</translation>
    </message>
    <message>
        <source>&amp;Cost model:</source>
        <translation>&amp;Kostenmodell:</translation>
    </message>
    <message>
        <source>Sparse fine &amp;gain:</source>
        <translation>Sparse-fine-&amp;Gewinn:</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::PassDialog</name>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX-Modelle (*.onnx)</translation>
    </message>
    <message>
        <source>Also write the pass&apos;s JSON report (&lt;output&gt;.json)</source>
        <translation>Auch den JSON-Bericht des Durchlaufs schreiben (&lt;Ausgabe&gt;.json)</translation>
    </message>
    <message>
        <source>&amp;Output model:</source>
        <translation>&amp;Ausgabemodell:</translation>
    </message>
    <message>
        <source>The output must not replace the model itself.</source>
        <translation>Die Ausgabe darf das Modell selbst nicht ersetzen.</translation>
    </message>
    <message>
        <source>the model to write</source>
        <translation>das zu schreibende Modell</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::PathEdit</name>
    <message>
        <source>File…</source>
        <translation>Datei …</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <source>Choose a File</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Choose a Folder</source>
        <translation>Ordner wählen</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Each task already uses every core; more than one at a time rarely finishes sooner</source>
        <translation>Jede Aufgabe nutzt bereits alle Kerne; mehrere gleichzeitig sind selten früher fertig</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language applies when Foldwise starts again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Foldwise.</translation>
    </message>
    <message>
        <source>&amp;Tasks at once:</source>
        <translation>&amp;Gleichzeitige Aufgaben:</translation>
    </message>
    <message>
        <source>&amp;Autosave every:</source>
        <translation>&amp;Automatisch speichern alle:</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::ProfileDialog</name>
    <message>
        <source>Profile Activation Sparsity</source>
        <translation>Aktivierungs-Sparsity profilieren</translation>
    </message>
    <message>
        <source>Profiles (*.json)</source>
        <translation>Profile (*.json)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Profile only the first N items of the data</source>
        <translation>Nur die ersten N Elemente der Daten profilieren</translation>
    </message>
    <message>
        <source>&amp;Items:</source>
        <translation>&amp;Elemente:</translation>
    </message>
    <message>
        <source>&amp;Output:</source>
        <translation>&amp;Ausgabe:</translation>
    </message>
    <message>
        <source>the profile to write</source>
        <translation>das zu schreibende Profil</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::Project</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::ProjectController</name>
    <message>
        <source>Foldwise projects (*.foldwise);;All files (*)</source>
        <translation>Foldwise-Projekte (*.foldwise);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>&amp;Neues Projekt</translation>
    </message>
    <message>
        <source>Start an empty project with the current model</source>
        <translation>Ein leeres Projekt mit dem aktuellen Modell beginnen</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>&amp;Projekt öffnen …</translation>
    </message>
    <message>
        <source>Open a Foldwise project: the model, its results and the window layout</source>
        <translation>Ein Foldwise-Projekt öffnen: das Modell, seine Ergebnisse und die Fensteranordnung</translation>
    </message>
    <message>
        <source>Recent P&amp;rojects</source>
        <translation>Zuletzt geöffnete P&amp;rojekte</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Das Projekt speichern</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Projekt speichern &amp;unter …</translation>
    </message>
    <message>
        <source>%1[*] — Foldwise</source>
        <extracomment>Window title: %1 is the project, %2 the model file</extracomment>
        <translation>%1[*] — Foldwise</translation>
    </message>
    <message>
        <source>%1[*] — %2 — Foldwise</source>
        <translation>%1[*] — %2 — Foldwise</translation>
    </message>
    <message>
        <source>Unsaved Project</source>
        <translation>Ungespeichertes Projekt</translation>
    </message>
    <message>
        <source>The project %1 has unsaved changes. Save them?</source>
        <translation>Das Projekt %1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Recover Project</source>
        <translation>Projekt wiederherstellen</translation>
    </message>
    <message>
        <source>%1 has unsaved changes from an earlier session (autosaved). Recover them?</source>
        <translation>%1 hat ungespeicherte Änderungen aus einer früheren Sitzung (automatisch gesichert). Wiederherstellen?</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of the project are missing</source>
        <translation>
            <numerusform>%n Datei des Projekts fehlt</numerusform>
            <numerusform>%n Dateien des Projekts fehlen</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened the project %1</source>
        <translation>Projekt %1 geöffnet</translation>
    </message>
    <message>
        <source>%1 — Foldwise</source>
        <extracomment>Window title: %1 is the model file</extracomment>
        <translation>%1 — Foldwise</translation>
    </message>
    <message>
        <source>Cannot Save Project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved the project %1</source>
        <translation>Projekt %1 gespeichert</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::ProjectFilesModel</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>A project file in the Project Files panel: %1 its kind (&quot;Profile&quot;), %2 its name</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::ProjectPanel</name>
    <message>
        <source>Project Files</source>
        <translation>Projektdateien</translation>
    </message>
    <message>
        <source>Double-click a file to show it</source>
        <translation>Doppelklick zeigt die Datei an</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>&amp;Remove from Project</source>
        <translation>Aus dem Projekt &amp;entfernen</translation>
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
    <name>foldwise::gui::PruneDialog</name>
    <message>
        <source>Fraction of the &amp;channels:</source>
        <translation>Anteil der &amp;Kanäle:</translation>
    </message>
    <message>
        <source>&amp;Parameters to keep:</source>
        <translation>Zu behaltende &amp;Parameter:</translation>
    </message>
    <message>
        <source>Measure accuracy and fidelity before and after</source>
        <translation>Genauigkeit und Treue vorher und nachher messen</translation>
    </message>
    <message>
        <source>Also write a SparseML recipe (&lt;output&gt;.yaml)</source>
        <translation>Auch ein SparseML-Rezept schreiben (&lt;Ausgabe&gt;.yaml)</translation>
    </message>
    <message>
        <source>Global: one score threshold over all layers</source>
        <translation>Global: eine Bewertungsschwelle über alle Schichten</translation>
    </message>
    <message>
        <source>Local: the same fraction of every layer</source>
        <translation>Lokal: derselbe Anteil jeder Schicht</translation>
    </message>
    <message>
        <source>Safe: global, residual trunk kept</source>
        <translation>Sicher: global, Residual-Hauptpfad bleibt erhalten</translation>
    </message>
    <message>
        <source>Found by bisection, within 1% (the model has %L1)</source>
        <translation>Per Bisektion gefunden, auf 1 % genau (das Modell hat %L1)</translation>
    </message>
    <message>
        <source>1 for every layer</source>
        <translation>1 für jede Schicht</translation>
    </message>
    <message>
        <source>FINN SIMD per prunable layer, or one value for all, e.g. &quot;9,16,16&quot;: kept channel counts become multiples of it</source>
        <translation>FINN-SIMD je beschneidbarer Schicht oder ein Wert für alle, z. B. &quot;9,16,16&quot;: die behaltenen Kanalzahlen werden Vielfache davon</translation>
    </message>
    <message>
        <source>C&amp;riterion:</source>
        <translation>K&amp;riterium:</translation>
    </message>
    <message>
        <source>Remove:</source>
        <translation>Entfernen:</translation>
    </message>
    <message>
        <source>FINN &amp;SIMD:</source>
        <translation>FINN-&amp;SIMD:</translation>
    </message>
    <message>
        <source>P&amp;latform:</source>
        <translation>P&amp;lattform:</translation>
    </message>
    <message>
        <source>The SIMD list must be positive integers separated by commas, e.g. &quot;9,16,16&quot;.</source>
        <translation>Die SIMD-Liste muss aus positiven ganzen Zahlen mit Kommas getrennt bestehen, z. B. &quot;9,16,16&quot;.</translation>
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
    <name>foldwise::gui::RunLogModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <source>Accuracy %</source>
        <translation>Genauigkeit %</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Sparsity</translation>
    </message>
    <message>
        <source>Frames/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>Bottleneck</source>
        <translation>Engpass</translation>
    </message>
    <message>
        <source>Iteration of the sweep</source>
        <translation>Iteration des Sweeps</translation>
    </message>
    <message>
        <source>ReLU threshold (the mean when the ReLUs differ)</source>
        <translation>ReLU-Schwellwert (der Mittelwert, wenn sich die ReLUs unterscheiden)</translation>
    </message>
    <message>
        <source>Top-1 accuracy, or the top-1 fidelity to the plain model without labels</source>
        <translation>Top-1-Genauigkeit, ohne Labels die Top-1-Übereinstimmung mit dem unveränderten Modell</translation>
    </message>
    <message>
        <source>Network sparsity: MAC-weighted mean window sparsity</source>
        <translation>Netzwerk-Sparsity: nach MACs gewichtete mittlere Fenster-Sparsity</translation>
    </message>
    <message>
        <source>Throughput the hardware model predicts</source>
        <translation>Vom Hardwaremodell vorhergesagter Durchsatz</translation>
    </message>
    <message>
        <source>The slowest layer</source>
        <translation>Die langsamste Schicht</translation>
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
<context>
    <name>foldwise::gui::SweepBrowser</name>
    <message>
        <source>Step through the sweep&apos;s iterations (the arrow keys step one)</source>
        <translation>Durch die Iterationen des Sweeps gehen (die Pfeiltasten gehen einen Schritt)</translation>
    </message>
    <message>
        <source>Previous iteration</source>
        <translation>Vorige Iteration</translation>
    </message>
    <message>
        <source>Next iteration</source>
        <translation>Nächste Iteration</translation>
    </message>
    <message>
        <source>Show a second iteration beside the current one in the plots and the layer table</source>
        <translation>Eine zweite Iteration neben der aktuellen in den Diagrammen und der Schichttabelle zeigen</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>&amp;Vergleichen mit:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Iteration %1</source>
        <translation>Iteration %1</translation>
    </message>
    <message>
        <source>policy %1</source>
        <translation>Strategie %1</translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation>Modus %1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;: %n iteration(s)</source>
        <extracomment>%1 is the run log&apos;s name, %2 its number of iterations, %3 facts such as &quot;policy uniform, mode fixed&quot;</extracomment>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %n Iteration</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %n Iterationen</numerusform>
        </translation>
    </message>
    <message>
        <source>No run log loaded. Open a sweep&apos;s run directory with Analysis &gt; Open Run Log…</source>
        <translation>Kein Laufprotokoll geladen. Das Laufverzeichnis eines Sweeps mit Analyse &gt; Laufprotokoll öffnen… öffnen.</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::SweepDialog</name>
    <message>
        <source>Sweep ReLU Thresholds</source>
        <translation>ReLU-Schwellwerte durchfahren</translation>
    </message>
    <message>
        <source>Fraction of each ReLU&apos;s largest input</source>
        <translation>Anteil an der größten Eingabe jeder ReLU</translation>
    </message>
    <message>
        <source>&amp;Use Its Settings</source>
        <translation>Dessen Einstellungen &amp;übernehmen</translation>
    </message>
    <message>
        <source>Uniform: every ReLU</source>
        <translation>Gleichmäßig: jede ReLU</translation>
    </message>
    <message>
        <source>Slowest node: the ReLUs feeding the bottleneck</source>
        <translation>Langsamster Knoten: die ReLUs vor dem Engpass</translation>
    </message>
    <message>
        <source>Fixed hardware (optimise once)</source>
        <translation>Feste Hardware (einmal optimieren)</translation>
    </message>
    <message>
        <source>Re-optimise every iteration</source>
        <translation>Jede Iteration neu optimieren</translation>
    </message>
    <message>
        <source>Normalised (against a dense design at the same DSPs)</source>
        <translation>Normiert (gegen einen dichten Entwurf mit gleich vielen DSPs)</translation>
    </message>
    <message>
        <source>Iterations after the first (all thresholds 0)</source>
        <translation>Iterationen nach der ersten (alle Schwellwerte 0)</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Stop once the accuracy fell this many percentage points</source>
        <translation>Anhalten, sobald die Genauigkeit um so viele Prozentpunkte gefallen ist</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>&amp;Plattform:</translation>
    </message>
    <message>
        <source>P&amp;olicy:</source>
        <translation>&amp;Strategie:</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <source>&amp;Increment:</source>
        <translation>Sc&amp;hrittweite:</translation>
    </message>
    <message>
        <source>I&amp;terations:</source>
        <translation>I&amp;terationen:</translation>
    </message>
    <message>
        <source>Stop at accuracy &amp;drop:</source>
        <translation>Anhalten bei Genauigkeits&amp;verlust:</translation>
    </message>
    <message>
        <source>&amp;Run directory:</source>
        <translation>&amp;Laufverzeichnis:</translation>
    </message>
    <message>
        <source>Settings of the sweep in this folder: running continues it.</source>
        <translation>Einstellungen des Durchlaufs in diesem Ordner: Ausführen setzt ihn fort.</translation>
    </message>
    <message>
        <source>This folder holds a sweep: with the same settings, running continues it.</source>
        <translation>Dieser Ordner enthält einen Durchlauf: Mit denselben Einstellungen setzt Ausführen ihn fort.</translation>
    </message>
    <message>
        <source>No platforms found: install Foldwise&apos;s platform files or set FOLDWISE_PLATFORMS_DIR.</source>
        <translation>Keine Plattformen gefunden: Installieren Sie die Plattformdateien von Foldwise oder setzen Sie FOLDWISE_PLATFORMS_DIR.</translation>
    </message>
    <message>
        <source>Choose the run directory.</source>
        <translation>Wählen Sie das Laufverzeichnis.</translation>
    </message>
    <message>
        <source>None (optimise once)</source>
        <translation>Keiner (einmal optimieren)</translation>
    </message>
    <message>
        <source>Designs (design.json, fpgaConvNet config.json) (*.json)</source>
        <translation>Entwürfe (design.json, fpgaConvNet config.json) (*.json)</translation>
    </message>
    <message>
        <source>Fixed mode: re-evaluate this design (design.json or fpgaConvNet&apos;s config.json) with each iteration&apos;s sparsity instead of optimising once</source>
        <translation>Fester Modus: diesen Entwurf (design.json oder fpgaConvNets config.json) mit der Sparsity jeder Iteration neu bewerten, statt einmal zu optimieren</translation>
    </message>
    <message>
        <source>&amp;Fixed hardware:</source>
        <translation>&amp;Feste Hardware:</translation>
    </message>
    <message>
        <source>Sparse fine &amp;gain:</source>
        <translation>Sparse-fine-&amp;Gewinn:</translation>
    </message>
    <message>
        <source>the fixed hardware&apos;s design</source>
        <translation>den Entwurf der festen Hardware</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::Task</name>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Vor dem Start abgebrochen.</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::TaskDialog</name>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Choose %1.</source>
        <extracomment>%1 names a field, e.g. &quot;the calibration data&quot;</extracomment>
        <translation>Wählen Sie %1.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>The folder of %1 does not exist.</source>
        <translation>Der Ordner von %1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::TaskLauncher</name>
    <message>
        <source>&amp;Tasks</source>
        <translation>&amp;Aufgaben</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>&amp;Profilieren …</translation>
    </message>
    <message>
        <source>Profile activation sparsity over calibration data</source>
        <translation>Aktivierungs-Sparsity über Kalibrierungsdaten profilieren</translation>
    </message>
    <message>
        <source>&amp;Optimise…</source>
        <translation>&amp;Optimieren …</translation>
    </message>
    <message>
        <source>Search an accelerator folding for a platform</source>
        <translation>Eine Beschleuniger-Faltung für eine Plattform suchen</translation>
    </message>
    <message>
        <source>&amp;Evaluate Design…</source>
        <translation>Entwurf &amp;bewerten …</translation>
    </message>
    <message>
        <source>Evaluate a saved design with its fixed folding</source>
        <translation>Einen gespeicherten Entwurf mit seiner festen Faltung bewerten</translation>
    </message>
    <message>
        <source>&amp;Sweep ReLU Thresholds…</source>
        <translation>ReLU-Schwellwerte &amp;durchfahren …</translation>
    </message>
    <message>
        <source>Raise ReLU thresholds step by step: accuracy, sparsity and throughput</source>
        <translation>ReLU-Schwellwerte schrittweise anheben: Genauigkeit, Sparsity und Durchsatz</translation>
    </message>
    <message>
        <source>&amp;Resume Sweep…</source>
        <translation>Durchlauf &amp;fortsetzen …</translation>
    </message>
    <message>
        <source>Continue a sweep from its run directory</source>
        <translation>Einen Durchlauf aus seinem Laufverzeichnis fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel All Tasks</source>
        <translation>Alle Aufgaben &amp;abbrechen</translation>
    </message>
    <message>
        <source>Show &amp;Tasks Panel</source>
        <translation>&amp;Aufgabenbereich anzeigen</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Choose a Sweep&apos;s Run Directory</source>
        <translation>Laufverzeichnis eines Durchlaufs wählen</translation>
    </message>
    <message>
        <source>Cannot Resume the Sweep</source>
        <translation>Durchlauf kann nicht fortgesetzt werden</translation>
    </message>
    <message>
        <source>%1 (not added: another project was opened since)</source>
        <extracomment>%1 says what the task wrote</extracomment>
        <translation>%1 (nicht hinzugefügt: inzwischen wurde ein anderes Projekt geöffnet)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <extracomment>%1 is the task, %2 the error</extracomment>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <source>Stopping the running tasks…</source>
        <translation>Laufende Aufgaben werden angehalten …</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::TaskListModel</name>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <extracomment>Elapsed time of a task: minutes and seconds</extracomment>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::TaskPanel</name>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>&amp;Cancel Task</source>
        <translation>Aufgabe &amp;abbrechen</translation>
    </message>
    <message>
        <source>Cancel &amp;All</source>
        <translation>&amp;Alle abbrechen</translation>
    </message>
    <message>
        <source>Clear &amp;Finished</source>
        <translation>&amp;Beendete entfernen</translation>
    </message>
    <message>
        <source>Select a task to see its log.</source>
        <translation>Wählen Sie eine Aufgabe, um ihr Protokoll zu sehen.</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::WorkbenchSession</name>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::ChannelSparsityPlot</name>
    <message>
        <source>Sparsity per input channel</source>
        <translation>Sparsity je Eingabekanal</translation>
    </message>
    <message>
        <source>Zero fraction</source>
        <translation>Nullanteil</translation>
    </message>
    <message>
        <source>Mean window sparsity</source>
        <translation>Mittlere Fenster-Sparsity</translation>
    </message>
    <message>
        <source>Mean window sparsity (compared)</source>
        <translation>Mittlere Fenster-Sparsity (verglichen)</translation>
    </message>
    <message>
        <source>Input channel</source>
        <translation>Eingabekanal</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Sparsity</translation>
    </message>
    <message>
        <source>Select a profiled convolution to see its input channels.</source>
        <translation>Eine profilierte Faltung auswählen, um ihre Eingabekanäle zu sehen.</translation>
    </message>
    <message>
        <source>Sparsity per input channel: %1</source>
        <translation>Sparsity je Eingabekanal: %1</translation>
    </message>
    <message>
        <source>Open an activation profile to see the sparsity of each input channel.</source>
        <translation>Ein Aktivierungsprofil öffnen, um die Sparsity jedes Eingabekanals zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Channel %1&lt;/b&gt;&lt;br&gt;zeros %2&lt;br&gt;mean window sparsity %3</source>
        <translation>&lt;b&gt;Kanal %1&lt;/b&gt;&lt;br&gt;Nullen %2&lt;br&gt;mittlere Fenster-Sparsity %3</translation>
    </message>
    <message>
        <source>compared: mean window sparsity %1</source>
        <translation>verglichen: mittlere Fenster-Sparsity %1</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::CycleBreakdownPlot</name>
    <message>
        <source>Cycles per layer</source>
        <translation>Takte je Schicht</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>Dicht</translation>
    </message>
    <message>
        <source>Modelled (zero skipping)</source>
        <translation>Modelliert (Nullen übersprungen)</translation>
    </message>
    <message>
        <source>Modelled, compared</source>
        <translation>Modelliert, verglichen</translation>
    </message>
    <message>
        <source>bottleneck</source>
        <translation>Engpass</translation>
    </message>
    <message>
        <source>Cycles per item</source>
        <translation>Takte je Eingabe</translation>
    </message>
    <message>
        <source>Open a design (Analysis &gt; Open Design…) or a sweep run log to see the cycles of each layer.</source>
        <translation>Einen Entwurf (Analyse &gt; Entwurf öffnen…) oder ein Sweep-Laufprotokoll öffnen, um die Takte jeder Schicht zu sehen.</translation>
    </message>
    <message>
        <source>interval %1 cycles</source>
        <translation>Intervall %1 Takte</translation>
    </message>
    <message>
        <source>%1 cycles modelled, %2 dense</source>
        <translation>%1 Takte modelliert, %2 dicht</translation>
    </message>
    <message>
        <source>%1 of the interval</source>
        <translation>%1 des Intervalls</translation>
    </message>
    <message>
        <source>zero skipping</source>
        <translation>überspringt Nullen</translation>
    </message>
    <message>
        <source>compared: %1 cycles</source>
        <translation>verglichen: %1 Takte</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::FoldingPlot</name>
    <message>
        <source>Folding: cycles now and the options considered</source>
        <translation>Faltung: Takte jetzt und die erwogenen Optionen</translation>
    </message>
    <message>
        <source>Folding options</source>
        <translation>Faltungsoptionen</translation>
    </message>
    <message>
        <source>Current folding</source>
        <translation>Aktuelle Faltung</translation>
    </message>
    <message>
        <source>Cycles per item (log)</source>
        <translation>Takte je Eingabe (log)</translation>
    </message>
    <message>
        <source>Open a design to see each layer&apos;s folding options.</source>
        <translation>Einen Entwurf öffnen, um die Faltungsoptionen jeder Schicht zu sehen.</translation>
    </message>
    <message>
        <source>current: %1, %2 cycles, %3 DSP</source>
        <translation>aktuell: %1, %2 Takte, %3 DSP</translation>
    </message>
    <message numerus="yes">
        <source>%n folding option(s) considered; the fastest takes %1 cycles</source>
        <translation>
            <numerusform>%n Faltungsoption erwogen; die schnellste braucht %1 Takte</numerusform>
            <numerusform>%n Faltungsoptionen erwogen; die schnellste braucht %1 Takte</numerusform>
        </translation>
    </message>
    <message>
        <source>option: %1, %2 cycles, %3 DSP</source>
        <translation>Option: %1, %2 Takte, %3 DSP</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::IterationTrendPlot</name>
    <message>
        <source>Iterations: accuracy, sparsity and throughput</source>
        <translation>Iterationen: Genauigkeit, Sparsity und Durchsatz</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Network sparsity (%)</source>
        <translation>Netzwerk-Sparsity (%)</translation>
    </message>
    <message>
        <source>Throughput (frames/s, right)</source>
        <translation>Durchsatz (Bilder/s, rechts)</translation>
    </message>
    <message>
        <source>Dense throughput (frames/s, right)</source>
        <translation>Dichter Durchsatz (Bilder/s, rechts)</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Prozent</translation>
    </message>
    <message>
        <source>Frames/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>Open a sweep run log to follow accuracy, sparsity and throughput over its iterations.</source>
        <translation>Ein Sweep-Laufprotokoll öffnen, um Genauigkeit, Sparsity und Durchsatz über seine Iterationen zu verfolgen.</translation>
    </message>
    <message>
        <source>Top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Top-1 fidelity (%)</source>
        <translation>Top-1-Übereinstimmung (%)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Iteration %1&lt;/b&gt; (threshold %2)</source>
        <translation>&lt;b&gt;Iteration %1&lt;/b&gt; (Schwellwert %2)</translation>
    </message>
    <message>
        <source>accuracy %1 %</source>
        <translation>Genauigkeit %1 %</translation>
    </message>
    <message>
        <source>top-5 %1 %</source>
        <translation>Top-5 %1 %</translation>
    </message>
    <message>
        <source>network sparsity %1</source>
        <translation>Netzwerk-Sparsity %1</translation>
    </message>
    <message>
        <source>throughput %1 frames/s</source>
        <translation>Durchsatz %1 Bilder/s</translation>
    </message>
    <message>
        <source>bottleneck %1</source>
        <translation>Engpass %1</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::LayerSparsityPlot</name>
    <message>
        <source>Sparsity per layer</source>
        <translation>Sparsity je Schicht</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Sparsity</translation>
    </message>
    <message>
        <source>Open an activation profile (Analysis &gt; Open Profile…) or a sweep run log to see the sparsity of each convolution&apos;s input.</source>
        <translation>Ein Aktivierungsprofil (Analyse &gt; Profil öffnen…) oder ein Sweep-Laufprotokoll öffnen, um die Sparsity der Eingabe jeder Faltung zu sehen.</translation>
    </message>
    <message>
        <source>Average sparsity</source>
        <translation>Mittlere Sparsity</translation>
    </message>
    <message>
        <source>Window sparsity</source>
        <translation>Fenster-Sparsity</translation>
    </message>
    <message>
        <source>The profile has no convolution of this model.</source>
        <translation>Das Profil enthält keine Faltung dieses Modells.</translation>
    </message>
    <message>
        <source>average sparsity %1, all-zero windows %2</source>
        <translation>mittlere Sparsity %1, reine Nullfenster %2</translation>
    </message>
    <message>
        <source>K = %1, %2 input channels</source>
        <translation>K = %1, %2 Eingabekanäle</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::ParetoPlot</name>
    <message>
        <source>Accuracy against throughput</source>
        <translation>Genauigkeit über Durchsatz</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Iterationen</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>Verglichen</translation>
    </message>
    <message>
        <source>Throughput (frames/s)</source>
        <translation>Durchsatz (Bilder/s)</translation>
    </message>
    <message>
        <source>Top-1 accuracy (%)</source>
        <translation>Top-1-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Open a sweep run log to compare its iterations&apos; accuracy and throughput.</source>
        <translation>Ein Sweep-Laufprotokoll öffnen, um Genauigkeit und Durchsatz seiner Iterationen zu vergleichen.</translation>
    </message>
    <message>
        <source>Top-1 fidelity to the plain model (%)</source>
        <translation>Top-1-Übereinstimmung mit dem unveränderten Modell (%)</translation>
    </message>
    <message>
        <source>The run log has no iteration with both an accuracy and a throughput (imported logs carry no hardware figures).</source>
        <translation>Das Laufprotokoll hat keine Iteration mit Genauigkeit und Durchsatz (importierte Protokolle enthalten keine Hardwarezahlen).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Iteration %1&lt;/b&gt; (threshold %2)</source>
        <translation>&lt;b&gt;Iteration %1&lt;/b&gt; (Schwellwert %2)</translation>
    </message>
    <message>
        <source>accuracy %1 %, throughput %2 frames/s</source>
        <translation>Genauigkeit %1 %, Durchsatz %2 Bilder/s</translation>
    </message>
    <message>
        <source>network sparsity %1</source>
        <translation>Netzwerk-Sparsity %1</translation>
    </message>
    <message>
        <source>on the Pareto front</source>
        <translation>auf der Pareto-Front</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::PlotWidget</name>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show all the data again after zooming or panning</source>
        <translation>Nach Zoomen oder Verschieben wieder alle Daten zeigen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the plot as PNG, PDF or SVG</source>
        <translation>Das Diagramm als PNG, PDF oder SVG speichern</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the plot to the clipboard as an image</source>
        <translation>Das Diagramm als Bild in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Export Plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Cannot Export Plot</source>
        <translation>Diagramm kann nicht exportiert werden</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::ResourcePlot</name>
    <message>
        <source>Share of the device</source>
        <translation>Anteil am Baustein</translation>
    </message>
    <message>
        <source>Open a design to see the resources each layer uses.</source>
        <translation>Einen Entwurf öffnen, um die Ressourcen jeder Schicht zu sehen.</translation>
    </message>
    <message>
        <source>DSP</source>
        <translation>DSP</translation>
    </message>
    <message>
        <source>BRAM</source>
        <translation>BRAM</translation>
    </message>
    <message>
        <source>LUT</source>
        <translation>LUT</translation>
    </message>
    <message>
        <source>FF</source>
        <translation>FF</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2: %3 of %4 (%5)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2: %3 von %4 (%5)</translation>
    </message>
    <message>
        <source>Device budget</source>
        <translation>Bausteinbudget</translation>
    </message>
    <message>
        <source>Share of the design&apos;s total (no device named)</source>
        <translation>Anteil an der Summe des Entwurfs (kein Baustein angegeben)</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::ThresholdCurvePlot</name>
    <message>
        <source>Threshold to sparsity</source>
        <translation>Schwellwert zu Sparsity</translation>
    </message>
    <message>
        <source>Network sparsity</source>
        <translation>Netzwerk-Sparsity</translation>
    </message>
    <message>
        <source>ReLU threshold</source>
        <translation>ReLU-Schwellwert</translation>
    </message>
    <message>
        <source>Sparsity</source>
        <translation>Sparsity</translation>
    </message>
    <message>
        <source>Open a sweep run log (Analysis &gt; Open Run Log…) to see how the thresholds raise the sparsity.</source>
        <translation>Ein Sweep-Laufprotokoll (Analyse &gt; Laufprotokoll öffnen…) öffnen, um zu sehen, wie die Schwellwerte die Sparsity erhöhen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;threshold %2: sparsity %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Schwellwert %2: Sparsity %3</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::WindowHistogramPlot</name>
    <message>
        <source>Window-zero histogram</source>
        <translation>Fenster-Nullen-Histogramm</translation>
    </message>
    <message>
        <source>Zeros in the window (j)</source>
        <translation>Nullen im Fenster (j)</translation>
    </message>
    <message>
        <source>Input channel (c)</source>
        <translation>Eingabekanal (c)</translation>
    </message>
    <message>
        <source>Select a profiled convolution to see its window-zero histogram.</source>
        <translation>Eine profilierte Faltung auswählen, um ihr Fenster-Nullen-Histogramm zu sehen.</translation>
    </message>
    <message>
        <source>Fraction of windows, difference</source>
        <translation>Anteil der Fenster, Differenz</translation>
    </message>
    <message>
        <source>Window-zero histogram: %1 (difference)</source>
        <translation>Fenster-Nullen-Histogramm: %1 (Differenz)</translation>
    </message>
    <message>
        <source>Fraction of windows</source>
        <translation>Anteil der Fenster</translation>
    </message>
    <message>
        <source>Window-zero histogram: %1</source>
        <translation>Fenster-Nullen-Histogramm: %1</translation>
    </message>
    <message>
        <source>Open an activation profile to see window-zero histograms.</source>
        <translation>Ein Aktivierungsprofil öffnen, um Fenster-Nullen-Histogramme zu sehen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Channel %1, %2 of %3 zeros&lt;/b&gt;&lt;br&gt;%4 of the windows (%5)</source>
        <translation>&lt;b&gt;Kanal %1, %2 von %3 Nullen&lt;/b&gt;&lt;br&gt;%4 der Fenster (%5)</translation>
    </message>
    <message>
        <source>compared: %1</source>
        <translation>verglichen: %1</translation>
    </message>
</context>
<context>
    <name>foldwise::gui::plots::style</name>
    <message>
        <source>%1 %</source>
        <extracomment>A percentage, e.g. &quot;53.1 %&quot;</extracomment>
        <translation>%1 %</translation>
    </message>
</context>
</TS>
