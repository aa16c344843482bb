package io.pulseboard.stack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, disabledReason = "id and setpriv are those of a Linux system")
class ServerUserTest {

    @Test
    void runsTheServerThroughSetprivWithTheUsersIdsAndNoOtherGroups() {
        ServerUser user = new ServerUser("postgres", 101, 104);

        assertThat(user.commandPrefix())
                .containsExactly(ServerUser.setpriv().toString(), "--reuid=101", "--regid=104", "--clear-groups");
    }

    @Test
    void isNeverRootAndAMissingUserIsNone() {
        assertThatThrownBy(() -> new ServerUser("root", 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uid of root must be positive (not root), was 0");
        assertThat(ServerUser.lookUp("no-such-user-of-pulseboard")).isEmpty();
        assertThat(ServerUser.lookUp("root")).isEmpty();
        assertThat(ServerUser.lookUp("nobody"))
                .hasValueSatisfying(nobody -> assertThat(nobody.uid()).isPositive());
    }

    @Test
    void knowsRootWithoutACommandAndFindsItsToolsOutsideThePath() throws Exception {
        // The installed app's check runs it with an empty PATH: `id` on the PATH alone said "not root".
        Process id = new ProcessBuilder("/usr/bin/id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(id.waitFor()).isZero();

        assertThat(ServerUser.isRoot()).isEqualTo(uid.equals("0"));
        assertThat(ServerUser.tool("id")).isEqualTo(java.nio.file.Path.of("/usr/bin/id"));
        assertThat(ServerUser.tool("no-such-tool-of-pulseboard"))
                .isEqualTo(java.nio.file.Path.of("/usr/bin/no-such-tool-of-pulseboard"));
    }
}
