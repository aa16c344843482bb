package io.pulseboard.ui.dashboard;

import io.pulseboard.ui.format.DisplayFormat;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The engagement leaderboard: rank, customer, score, purchases; rebuilt when an applied snapshot changes it. */
final class TopCustomersPanel {

    private static final int ROWS = 6;
    private final DashboardViewModel vm;
    private final GridPane grid = new GridPane();
    private final VBox root = new VBox(grid);
    private java.util.List<DashboardRows.CustomerRow> drawnRows;
    private DisplayFormat drawnFormat;

    TopCustomersPanel(DashboardViewModel vm) {
        this.vm = vm;
        grid.setHgap(10);
        grid.setVgap(3);
        grid.setId("topCustomers");
        VBox.setVgrow(grid, Priority.ALWAYS);
        root.getStyleClass().add("panel-list");
    }

    VBox root() {
        return root;
    }

    void refresh() {
        java.util.List<DashboardRows.CustomerRow> rows = java.util.List.copyOf(vm.topCustomers());
        DisplayFormat format = vm.formatProperty().get();
        if (rows.equals(drawnRows) && format.equals(drawnFormat)) {
            return; // the same rows: no new nodes to lay out and draw
        }
        drawnRows = rows;
        drawnFormat = format;
        grid.getChildren().clear();
        grid.addRow(0, header("#"), header("Customer"), header("Score"), header("Buys"));
        int row = 1;
        for (DashboardRows.CustomerRow c : rows) {
            if (row > ROWS) {
                break;
            }
            grid.addRow(
                    row,
                    cell(format.count(row)),
                    cell(c.customerId()),
                    number(format.count(c.score())),
                    number(format.count(c.purchases())));
            row++;
        }
        if (row == 1) {
            grid.add(cell("no customer activity yet"), 0, 1, 4, 1);
        }
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
}
