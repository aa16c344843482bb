package io.pulseboard.ui.connect;

import io.pulseboard.probe.ConnectionCheck;
import io.pulseboard.probe.ConnectionTester;
import io.pulseboard.settings.ConnectionProfile;
import io.pulseboard.settings.ConnectionProfile.SecurityProtocol;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The first screen: a prominent "Local demo" card, and a "Remote cluster" card with the saved
 * profiles, the profile form and its commands. Built in code; only binds to {@link ConnectViewModel}
 * and forwards user actions to its commands. Styled by {@code connect.css} with colours derived from
 * the theme's {@code -fx-base}/{@code -fx-background}, so it follows a {@code theme-dark} or {@code
 * theme-light} root.
 *
 * <p>Create and use on the FX thread. Node ids for UI tests: {@code #localDemoButton}, {@code
 * #profileList}, {@code #nameField}, {@code #bootstrapField}, {@code #protocolBox}, {@code
 * #mechanismBox}, {@code #userField}, {@code #passwordField}, {@code #redisField}, {@code #postgresUrlField},
 * {@code #postgresUserField}, {@code #postgresPasswordField}, {@code #newButton},
 * {@code #saveButton}, {@code #deleteButton}, {@code #testButton}, {@code #connectButton}, {@code
 * #testProgress}, {@code #testResult}, {@code #errorLabel}, {@code #validationLabel}.
 */
public final class ConnectView {

    private final ConnectViewModel vm;
    private final ScrollPane root;

    /** @param vm the view model; never null */
    public ConnectView(ConnectViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
        Label title = new Label("Pulseboard");
        title.getStyleClass().add("connect-title");
        Label subtitle = new Label("Where do your business events come from?");
        subtitle.getStyleClass().add("connect-subtitle");
        HBox cards = new HBox(24, localCard(), remoteCard());
        cards.setAlignment(Pos.TOP_CENTER);
        VBox content = new VBox(8, title, subtitle, cards);
        content.getStyleClass().add("connect-content");
        content.setAlignment(Pos.TOP_CENTER);
        VBox.setMargin(cards, new Insets(16, 0, 0, 0));
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        root.setFitToHeight(true);
        root.getStyleClass().add("connect-root");
        root.getStylesheets()
                .add(Objects.requireNonNull(ConnectView.class.getResource("connect.css"), "connect.css")
                        .toExternalForm());
    }

    /** @return the screen's root node; the same instance on every call */
    public Parent root() {
        return root;
    }

    private Node localCard() {
        FontIcon icon = new FontIcon("mdi2l-laptop");
        icon.getStyleClass().add("card-icon");
        Label heading = heading("Local demo");
        Label text = new Label("Starts Kafka, Redis, PostgreSQL, the streaming pipeline and a generator of sample sales"
                + " on this machine. Nothing to install, no account needed.");
        text.setWrapText(true);
        text.getStyleClass().add("card-text");
        Button start = new Button("Start local demo", new FontIcon("mdi2p-play-circle"));
        start.setId("localDemoButton");
        start.getStyleClass().add("local-demo-button");
        start.setMaxWidth(Double.MAX_VALUE);
        start.setOnAction(e -> vm.startLocalDemo());
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        VBox card = new VBox(12, icon, heading, text, spacer, start);
        card.getStyleClass().addAll("connect-card", "local-card");
        card.setPrefWidth(300);
        card.setMinWidth(240);
        return card;
    }

    private Node remoteCard() {
        FontIcon icon = new FontIcon("mdi2s-server-network");
        icon.getStyleClass().add("card-icon");
        Label text = new Label(
                "Connect to your own Kafka cluster (and optionally Redis and PostgreSQL). Passwords are stored"
                        + " separately, readable only by you.");
        text.setWrapText(true);
        text.getStyleClass().add("card-text");
        HBox body = new HBox(16, profileList(), formPane());
        HBox.setHgrow(body.getChildren().get(1), Priority.ALWAYS);
        VBox card = new VBox(12, icon, heading("Remote cluster"), text, body, buttons(), testRow(), messages());
        card.getStyleClass().addAll("connect-card", "remote-card");
        card.setPrefWidth(720);
        HBox.setHgrow(card, Priority.ALWAYS);
        return card;
    }

    private Node profileList() {
        ListView<ConnectionProfile> list = new ListView<>(vm.profiles());
        list.setId("profileList");
        list.getStyleClass().add("profile-list");
        list.setPrefWidth(200);
        list.setPrefHeight(220);
        list.setPlaceholder(new Label("No saved profiles"));
        list.setCellFactory(view -> new ProfileCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectProfile(now));
        vm.selectedProfile().addListener((obs, old, now) -> showSelection(list, now));
        showSelection(list, vm.selectedProfile().get());
        return list;
    }

    private static void showSelection(ListView<ConnectionProfile> list, ConnectionProfile selected) {
        if (selected == null) {
            list.getSelectionModel().clearSelection();
        } else if (!selected.equals(list.getSelectionModel().getSelectedItem())) {
            list.getSelectionModel().select(selected);
        }
    }

    private Node formPane() {
        ProfileForm form = vm.form();
        TextField name = textField("nameField", "e.g. production");
        name.textProperty().bindBidirectional(form.name());
        TextField bootstrap = textField("bootstrapField", "host:9092,host2:9092");
        bootstrap.textProperty().bindBidirectional(form.bootstrapServers());
        ComboBox<SecurityProtocol> protocol =
                new ComboBox<>(FXCollections.observableArrayList(SecurityProtocol.values()));
        protocol.setId("protocolBox");
        protocol.valueProperty().bindBidirectional(form.securityProtocol());
        ComboBox<String> mechanism =
                new ComboBox<>(FXCollections.observableArrayList(ConnectionTester.SASL_MECHANISMS));
        mechanism.setId("mechanismBox");
        mechanism.valueProperty().bindBidirectional(form.saslMechanism());
        TextField user = textField("userField", "SASL user");
        user.textProperty().bindBidirectional(form.username());
        PasswordField password = new PasswordField();
        password.setId("passwordField");
        password.setPromptText("SASL password");
        password.textProperty().bindBidirectional(form.password());
        for (Node saslOnly : new Node[] {mechanism, user, password}) {
            saslOnly.disableProperty().bind(form.saslEnabled().not());
        }
        TextField redis = textField("redisField", "optional: redis://host:6379");
        redis.textProperty().bindBidirectional(form.redisUri());
        TextField postgres = textField("postgresUrlField", "optional: jdbc:postgresql://host:5432/pulseboard");
        postgres.textProperty().bindBidirectional(form.postgresUrl());
        TextField postgresUser = textField("postgresUserField", "PostgreSQL user");
        postgresUser.textProperty().bindBidirectional(form.postgresUser());
        PasswordField postgresPassword = new PasswordField();
        postgresPassword.setId("postgresPasswordField");
        postgresPassword.setPromptText("PostgreSQL password (kept in the secret store)");
        postgresPassword.textProperty().bindBidirectional(form.postgresPassword());
        for (Node postgresOnly : new Node[] {postgresUser, postgresPassword}) {
            postgresOnly.disableProperty().bind(form.postgresUrl().isEmpty());
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("profile-form");
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        Node[][] rows = {
            {new Label("Name"), name},
            {new Label("Bootstrap servers"), bootstrap},
            {new Label("Security protocol"), protocol},
            {new Label("SASL mechanism"), mechanism},
            {new Label("User"), user},
            {new Label("Password"), password},
            {new Label("Redis URI"), redis},
            {new Label("PostgreSQL URL"), postgres},
            {new Label("PostgreSQL user"), postgresUser},
            {new Label("PostgreSQL password"), postgresPassword}
        };
        for (int row = 0; row < rows.length; row++) {
            grid.addRow(row, rows[row]);
        }
        protocol.setMaxWidth(Double.MAX_VALUE);
        mechanism.setMaxWidth(Double.MAX_VALUE);
        return grid;
    }

    private Node buttons() {
        Button create = button("newButton", "New", "mdi2p-plus", "Clear the form for a new profile");
        create.setOnAction(e -> vm.newProfile());
        Button save = button(
                "saveButton",
                "Save",
                "mdi2c-content-save",
                "Save this profile; the password is stored apart from it, readable only by you");
        save.setOnAction(e -> vm.saveProfile());
        save.disableProperty().bind(vm.busy().or(vm.form().valid().not()));
        Button delete = button(
                "deleteButton", "Delete", "mdi2d-delete-outline", "Delete the selected profile and its password");
        delete.setOnAction(e -> vm.deleteProfile());
        delete.disableProperty().bind(vm.busy().or(vm.selectedProfile().isNull()));
        Button test = button(
                "testButton",
                "Test connection",
                "mdi2l-lan-pending",
                "Check that Kafka (and Redis) answer with these settings");
        test.setOnAction(e -> vm.testConnection());
        test.disableProperty().bind(vm.testing());
        Button connect = button(
                "connectButton",
                "Connect",
                "mdi2l-lan-connect",
                "Save the profile and open the dashboard on this cluster");
        connect.getStyleClass().add("connect-button");
        connect.setOnAction(e -> vm.connect());
        connect.disableProperty().bind(vm.busy().or(vm.form().valid().not()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, create, save, delete, spacer, test, connect);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node testRow() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("testProgress");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(vm.testing());
        progress.managedProperty().bind(vm.testing());
        Label result = new Label();
        result.setId("testResult");
        result.getStyleClass().add("test-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.testResult());
        result.visibleProperty().bind(vm.testResult().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        vm.testStatus().addListener((obs, old, status) -> showStatus(result, status));
        showStatus(result, vm.testStatus().get());
        HBox row = new HBox(10, progress, result);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static void showStatus(Label result, ConnectionCheck.Status status) {
        result.getStyleClass().removeAll("test-ok", "test-failed");
        if (status == null) {
            result.setGraphic(null);
            return;
        }
        boolean ok = status == ConnectionCheck.Status.OK;
        result.getStyleClass().add(ok ? "test-ok" : "test-failed");
        FontIcon icon = new FontIcon(ok ? "mdi2c-check-circle" : "mdi2a-alert-circle");
        icon.getStyleClass().add("test-icon");
        result.setGraphic(icon);
    }

    private Node messages() {
        Label error = new Label();
        error.setId("errorLabel");
        error.getStyleClass().add("error-label");
        error.setWrapText(true);
        error.textProperty().bind(vm.error());
        // A command refused for an invalid form repeats the validation text: show it once.
        error.visibleProperty()
                .bind(vm.error()
                        .isNotEmpty()
                        .and(vm.error().isNotEqualTo(vm.form().validation())));
        error.managedProperty().bind(error.visibleProperty());
        Label validation = new Label();
        validation.setId("validationLabel");
        validation.getStyleClass().add("validation-label");
        validation.setWrapText(true);
        validation.textProperty().bind(vm.form().validation());
        // A blank new form need not shout; show problems once something was typed.
        validation
                .visibleProperty()
                .bind(vm.form()
                        .validation()
                        .isNotEmpty()
                        .and(Bindings.createBooleanBinding(
                                () -> !vm.form().name().get().isEmpty()
                                        || !vm.form().bootstrapServers().get().isEmpty(),
                                vm.form().name(),
                                vm.form().bootstrapServers())));
        validation.managedProperty().bind(validation.visibleProperty());
        return new VBox(4, validation, error);
    }

    private static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("card-heading");
        return heading;
    }

    private static TextField textField(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    private static Button button(String id, String text, String iconLiteral, String tooltip) {
        Button button = new Button(text, new FontIcon(iconLiteral));
        button.setId(id);
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }

    /** Shows a profile's name and bootstrap servers. */
    private static final class ProfileCell extends ListCell<ConnectionProfile> {
        @Override
        protected void updateItem(ConnectionProfile profile, boolean empty) {
            super.updateItem(profile, empty);
            if (empty || profile == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(profile.name());
            name.getStyleClass().add("profile-name");
            Label servers = new Label(profile.bootstrapServers());
            servers.getStyleClass().add("profile-servers");
            setText(null);
            setGraphic(new VBox(2, name, servers));
        }
    }
}
