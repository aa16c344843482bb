package io.pulseboard.ui.dashboard;

import eu.hansolo.tilesfx.Tile;
import io.pulseboard.ui.dashboard.BusinessRows.ProductRow;
import io.pulseboard.ui.dashboard.BusinessRows.RegionTargets;
import io.pulseboard.ui.format.DisplayFormat;
import io.pulseboard.ui.tiles.TileStyle;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One region's drill-down: its hour and day against target with the target editor, its categories
 * and channels, and its top products in the trailing 5-minute window (by name, with the id, when the reference data
 * names them). Back (or Esc) returns to the page it was opened from.
 */
final class RegionDrillPage {

    private static final int PRODUCTS = 10;
    private final DashboardViewModel vm;
    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Label caption = new Label();
    private final TargetBar hour = new TargetBar("drillHour", "no sales this hour yet");
    private final TargetBar day = new TargetBar("drillDay", "no sales today yet");
    private final TargetFormPanel form;
    private final BarsPanel categoryBars =
            new BarsPanel("drillCategoryBars", TileStyle.ACCENT, "no sales in the window");
    private final BarsPanel channelBars = new BarsPanel("drillChannelBars", TileStyle.ACCENT, "no sales in the window");
    private final GridPane products = new GridPane();
    private final Tile targets;
    private final Tile categories = TileStyle.tile(Tile.SkinType.CUSTOM, "By category")
            .graphic(categoryBars.root())
            .build();
    private final Tile channels = TileStyle.tile(Tile.SkinType.CUSTOM, "By channel")
            .graphic(channelBars.root())
            .build();
    private final Tile productTile;
    private final Tile editor;
    private List<ProductRow> drawnProducts;
    private DisplayFormat drawnFormat;

    RegionDrillPage(DashboardViewModel vm, Runnable back) {
        this.vm = vm;
        form = new TargetFormPanel(vm.business().form(), vm.formatProperty());
        Label hourName = sectionName("This hour");
        Label dayName = sectionName("Today");
        VBox targetBox = new VBox(6, hourName, hour.root(), dayName, day.root());
        targets = TileStyle.tile(Tile.SkinType.CUSTOM, "Against target")
                .graphic(targetBox)
                .build();
        editor = TileStyle.tile(Tile.SkinType.CUSTOM, "Edit targets")
                .graphic(form.root())
                .build();
        editor.setId("drillEditorTile");
        products.setId("drillProducts");
        products.setHgap(16);
        products.setVgap(3);
        productTile = TileStyle.tile(Tile.SkinType.CUSTOM, "Top products")
                .graphic(new VBox(products))
                .build();
        targets.setId("drillTargetTile");
        categories.setId("drillCategoryTile");
        channels.setId("drillChannelTile");
        productTile.setId("drillProductTile");

        Button backButton = new Button("Back", new FontIcon("mdi2a-arrow-left"));
        backButton.setId("drillBack");
        backButton.setTooltip(new Tooltip("Back to the page before (Esc)"));
        backButton.setOnAction(e -> back.run());
        backButton.setMinWidth(Region.USE_PREF_SIZE);
        title.setId("drillTitle");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        caption.setId("drillCaption");
        caption.getStyleClass().add("mode-label");
        caption.setMinWidth(0);
        HBox header = new HBox(12, backButton, title, caption);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 8, 0));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        for (double percent : new double[] {36, 32, 32}) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(percent);
            grid.getColumnConstraints().add(c);
        }
        for (double percent : new double[] {50, 50}) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(percent);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        for (Tile t : tiles()) {
            t.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            t.setMinSize(120, 120);
            // As on the business page: titles the size of the live page's.
            t.setTextSize(Tile.TextSize.SMALLER);
        }
        grid.add(FreshnessBadge.on(targets, vm.businessFreshnessProperty(), "drillTargets"), 0, 0);
        grid.add(editor, 0, 1);
        grid.add(FreshnessBadge.on(categories, vm.businessFreshnessProperty(), "drillCategories"), 1, 0);
        grid.add(FreshnessBadge.on(channels, vm.businessFreshnessProperty(), "drillChannels"), 2, 0);
        grid.add(FreshnessBadge.on(productTile, vm.businessFreshnessProperty(), "drillProducts"), 1, 1, 2, 1);
        root.setTop(header);
        root.setCenter(grid);
        root.setId("drillPage");
        root.getStyleClass().add("dashboard-grid");
    }

    BorderPane root() {
        return root;
    }

    List<Tile> tiles() {
        return List.of(targets, categories, channels, productTile, editor);
    }

    /** Focuses the per-hour target field (the context menu's "Edit targets"). */
    void focusEditor() {
        form.focus();
    }

    /** Pushes the drilled region's figures into the tiles; once per applied snapshot and when opened. */
    void refresh() {
        BusinessViewModel b = vm.business();
        DisplayFormat format = vm.formatProperty().get();
        String region = b.drillRegionProperty().get();
        String window = b.windowLabelProperty().get();
        title.setText(region);
        caption.setText("Last 5 min" + (window.isEmpty() ? "" : " " + window) + ", in " + format.currencyCode()
                + " · Esc to go back");
        RegionTargets t = b.regionTargetsProperty().get();
        hour.show(t.hour());
        day.show(t.day());
        targets.setTitle(region + " against target");
        editor.setTitle("Edit " + region + "'s targets");
        categoryBars.show(BusinessPage.bars(b.regionCategories(), format));
        channelBars.show(BusinessPage.bars(b.regionChannels(), format));
        categories.setTitle(region + " by category");
        channels.setTitle(region + " by channel");
        productTile.setTitle(region + "'s top products by revenue");
        drawProducts(List.copyOf(b.regionProducts()), format);
    }

    private void drawProducts(List<ProductRow> rows, DisplayFormat format) {
        if (rows.equals(drawnProducts) && format.equals(drawnFormat)) {
            return;
        }
        drawnProducts = rows;
        drawnFormat = format;
        products.getChildren().clear();
        products.addRow(0, header("#"), header("Product"), header("Revenue"), header("Units"), header("Sales"));
        int row = 1;
        for (ProductRow p : rows.subList(0, Math.min(PRODUCTS, rows.size()))) {
            Label revenue = number(format.money(p.revenue()));
            revenue.setId("drillProduct-" + p.productId());
            products.addRow(
                    row++,
                    cell(format.count(p.rank())),
                    cell(p.name().equals(p.productId()) ? p.productId() : p.name() + " (" + p.productId() + ")"),
                    revenue,
                    number(format.count(p.units())),
                    number(format.count(p.count())));
        }
        if (rows.isEmpty()) {
            products.add(cell("no sales in the window"), 0, 1, 5, 1);
        }
    }

    private static Label sectionName(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("target-header");
        return label;
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("health-name");
        return label;
    }

    private static Label cell(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("health-value");
        return label;
    }

    private static Label number(String text) {
        Label label = cell(text);
        label.setAlignment(Pos.CENTER_RIGHT);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    List<BarsPanel.Bar> categoryBars() {
        return categoryBars.shown();
    }

    List<BarsPanel.Bar> channelBars() {
        return channelBars.shown();
    }
}
